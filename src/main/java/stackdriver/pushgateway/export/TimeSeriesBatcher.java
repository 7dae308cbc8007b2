package stackdriver.pushgateway.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the points of one interval into CreateTimeSeries requests of at most 200 series each (the API's
 * limit). The points are of distinct series (see {@link ExportCycle}): the API refuses a whole request that
 * holds one series twice.
 */
public final class TimeSeriesBatcher {
    /** Cloud Monitoring's limit on the TimeSeries of one CreateTimeSeries request. */
    public static final int MAX_SERIES_PER_REQUEST = 200;

    public List<List<PendingPoint>> batches(List<PendingPoint> points) {
        List<List<PendingPoint>> batches = new ArrayList<>(points.size() / MAX_SERIES_PER_REQUEST + 1);
        for (int from = 0; from < points.size(); from += MAX_SERIES_PER_REQUEST) {
            batches.add(points.subList(from, Math.min(from + MAX_SERIES_PER_REQUEST, points.size())));
        }
        return batches;
    }
}
