package stackdriver.pushgateway.emulator;

import com.google.api.MetricDescriptor;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MonitoredResource;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeSeries;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything one project holds: its metric descriptors and its series. Writes apply series by
 * series, so the good series of a request are stored even when others are rejected.
 */
final class ProjectStore {
    private final String projectId;
    private final MonitoredResourceCatalogue resources;
    private final int maxPointsPerSeries;
    private final MetricDescriptorRegistry descriptors;
    private final Map<SeriesKey, StoredSeries> series = new HashMap<>();

    ProjectStore(String projectId, MonitoredResourceCatalogue resources, int maxPointsPerSeries) {
        this.projectId = projectId;
        this.resources = resources;
        this.maxPointsPerSeries = maxPointsPerSeries;
        this.descriptors = new MetricDescriptorRegistry(projectId);
    }

    synchronized WriteOutcome write(List<TimeSeries> request, Instant now) {
        WriteOutcome outcome = new WriteOutcome();
        Set<SeriesKey> seen = new HashSet<>();
        for (int i = 0; i < request.size(); i++) {
            TimeSeries written = request.get(i);
            MonitoredResource resource = resources.complete(written.getResource(), projectId);
            TimeSeries completed = resource == written.getResource() ? written
                    : written.toBuilder().setResource(resource).build();
            SeriesKey key = SeriesKey.of(completed.getMetric(), resource);
            Optional<SeriesError> error = seen.add(key)
                    ? writeOne(i, completed, key, now, outcome)
                    : Optional.of(SeriesError.field(i, "", null, "Duplicate TimeSeries encountered."
                            + " Only one point can be written per TimeSeries per request."));
            if (error.isPresent()) {
                outcome.rejected(i, written.getPointsCount(), error.get());
            } else {
                outcome.written(1);
            }
        }
        return outcome;
    }

    private Optional<SeriesError> writeOne(int i, TimeSeries written, SeriesKey key, Instant now,
            WriteOutcome outcome) {
        Optional<SeriesError> error = WriteRules.checkShape(i, written, now)
                .or(() -> resources.check(i, written.getResource()));
        if (error.isPresent()) {
            return error;
        }
        MetricDescriptorRegistry.Decision decision = descriptors.resolve(i, written);
        if (decision.error() != null) {
            return Optional.of(decision.error());
        }
        MetricDescriptor descriptor = decision.descriptor();
        MetricKind kind = descriptor.getMetricKind();
        Point point = written.getPoints(0);
        StoredSeries stored = series.get(key);
        error = WriteRules.checkInterval(i, written, kind)
                .or(() -> stored == null ? Optional.empty() : stored.checkNext(point, kind));
        if (error.isPresent()) {
            return error;
        }
        descriptors.put(descriptor);
        if (stored != null && kind == MetricKind.CUMULATIVE && stored.resets(point)) {
            outcome.counterReset();
        }
        StoredSeries target = stored;
        if (target == null) {
            TimeSeries header = written.toBuilder().setMetricKind(kind).setValueType(descriptor.getValueType())
                    .setUnit(descriptor.getUnit()).build();
            target = new StoredSeries(header, maxPointsPerSeries);
            series.put(key, target);
        }
        target.add(kind == MetricKind.GAUGE ? gaugePoint(point) : point);
        return Optional.empty();
    }

    /** A gauge point is stored with start = end, as the API returns it. */
    private static Point gaugePoint(Point point) {
        return point.toBuilder().setInterval(point.getInterval().toBuilder()
                .setStartTime(point.getInterval().getEndTime())).build();
    }

    /** The series, in a stable order, that the filter selects. */
    synchronized List<Map.Entry<SeriesKey, StoredSeries>> select(TimeSeriesFilter filter) {
        TreeMap<SeriesKey, StoredSeries> sorted = new TreeMap<>();
        series.forEach((key, stored) -> {
            if (filter.matches(stored.header())) {
                sorted.put(key, stored);
            }
        });
        return List.copyOf(sorted.entrySet());
    }

    synchronized Optional<MetricDescriptor> descriptor(String type) {
        return descriptors.find(type);
    }

    synchronized List<MetricDescriptor> descriptors() {
        return descriptors.all();
    }

    synchronized MetricDescriptor createDescriptor(MetricDescriptor descriptor) {
        return descriptors.create(descriptor);
    }

    /** Deleting a descriptor deletes its data too, as in Cloud Monitoring. */
    synchronized boolean deleteDescriptor(String type) {
        series.keySet().removeIf(key -> key.metricType().equals(type));
        return descriptors.delete(type);
    }

    String projectId() {
        return projectId;
    }
}
