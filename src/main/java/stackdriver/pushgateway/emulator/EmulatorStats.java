package stackdriver.pushgateway.emulator;

import java.util.concurrent.atomic.AtomicLong;

/** Counters that let tests see what reached the emulator, faulted calls included. */
final class EmulatorStats {
    final AtomicLong createTimeSeriesCalls = new AtomicLong();
    final AtomicLong writtenPoints = new AtomicLong();
    final AtomicLong rejectedTimeSeries = new AtomicLong();

    void reset() {
        createTimeSeriesCalls.set(0);
        writtenPoints.set(0);
        rejectedTimeSeries.set(0);
    }
}
