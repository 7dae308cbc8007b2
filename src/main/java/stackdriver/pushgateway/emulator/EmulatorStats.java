package stackdriver.pushgateway.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counters that let tests see what reached the emulator, faulted calls included. */
final class EmulatorStats {
    /** Rejection reasons kept for {@link #rejections()}: enough to say what went wrong, never a heap's worth. */
    static final int KEPT_REJECTIONS = 100;

    final AtomicLong createTimeSeriesCalls = new AtomicLong();
    final AtomicLong writtenPoints = new AtomicLong();
    final AtomicLong rejectedTimeSeries = new AtomicLong();
    final AtomicLong counterResets = new AtomicLong();
    private final Deque<String> rejections = new ArrayDeque<>();

    synchronized void rejected(List<String> reasons) {
        for (String reason : reasons) {
            rejections.addLast(reason);
            if (rejections.size() > KEPT_REJECTIONS) {
                rejections.removeFirst();
            }
        }
    }

    /** The latest rejection reasons, oldest first. */
    synchronized List<String> rejections() {
        return List.copyOf(rejections);
    }

    synchronized void reset() {
        createTimeSeriesCalls.set(0);
        writtenPoints.set(0);
        rejectedTimeSeries.set(0);
        counterResets.set(0);
        rejections.clear();
    }
}
