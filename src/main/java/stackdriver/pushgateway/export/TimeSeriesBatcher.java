package stackdriver.pushgateway.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers the points of one interval into CreateTimeSeries requests of at most 200 series each (the API's
 * limit), handing each on as soon as it is full: an interval never holds all its points at once. The points
 * are of distinct series (see {@link ExportCycle}): the API refuses a whole request that holds one series twice.
 */
public final class TimeSeriesBatcher {
    /** Cloud Monitoring's limit on the TimeSeries of one CreateTimeSeries request. */
    public static final int MAX_SERIES_PER_REQUEST = 200;

    private final Consumer<List<PendingPoint>> send;
    private List<PendingPoint> batch = new ArrayList<>(MAX_SERIES_PER_REQUEST);

    public TimeSeriesBatcher(Consumer<List<PendingPoint>> send) {
        this.send = send;
    }

    public void add(PendingPoint point) {
        batch.add(point);
        if (batch.size() == MAX_SERIES_PER_REQUEST) {
            flush();
        }
    }

    /** Hands on the last request, however few points it holds. */
    public void flush() {
        if (!batch.isEmpty()) {
            send.accept(batch);
            batch = new ArrayList<>(MAX_SERIES_PER_REQUEST);
        }
    }
}
