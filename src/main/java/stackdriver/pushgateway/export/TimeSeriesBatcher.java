package stackdriver.pushgateway.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits the points of one interval into CreateTimeSeries requests: at most 200 series each (the API's limit),
 * and never one series twice in a request (the API refuses the whole request).
 */
public final class TimeSeriesBatcher {
    /** Cloud Monitoring's limit on the TimeSeries of one CreateTimeSeries request. */
    public static final int MAX_SERIES_PER_REQUEST = 200;

    private final int maxPerRequest;

    public TimeSeriesBatcher() {
        this(MAX_SERIES_PER_REQUEST);
    }

    TimeSeriesBatcher(int maxPerRequest) {
        this.maxPerRequest = maxPerRequest;
    }

    /** The points in requests; a series met again goes to the first request that does not hold it yet. */
    public List<List<PendingPoint>> batches(List<PendingPoint> points) {
        List<List<PendingPoint>> batches = new ArrayList<>();
        List<Set<SeriesId>> idsPerBatch = new ArrayList<>();
        int firstOpen = 0;
        for (PendingPoint point : points) {
            int target = firstOpen;
            while (target < batches.size()
                    && (batches.get(target).size() >= maxPerRequest || idsPerBatch.get(target).contains(point.id()))) {
                target++;
            }
            if (target == batches.size()) {
                batches.add(new ArrayList<>());
                idsPerBatch.add(new HashSet<>());
            }
            batches.get(target).add(point);
            idsPerBatch.get(target).add(point.id());
            while (firstOpen < batches.size() && batches.get(firstOpen).size() >= maxPerRequest) {
                firstOpen++;
            }
        }
        return batches;
    }
}
