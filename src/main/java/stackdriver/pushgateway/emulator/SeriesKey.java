package stackdriver.pushgateway.emulator;

import com.google.api.Metric;
import com.google.api.MonitoredResource;
import java.util.Map;
import java.util.TreeMap;

/** What makes two TimeSeries the same series: metric type and labels, resource type and labels. */
record SeriesKey(String metricType, Map<String, String> metricLabels, String resourceType,
        Map<String, String> resourceLabels) implements Comparable<SeriesKey> {

    SeriesKey {
        metricLabels = Map.copyOf(metricLabels);
        resourceLabels = Map.copyOf(resourceLabels);
    }

    static SeriesKey of(Metric metric, MonitoredResource resource) {
        return new SeriesKey(metric.getType(), metric.getLabelsMap(), resource.getType(), resource.getLabelsMap());
    }

    /** A stable order for listing and paging. */
    @Override
    public int compareTo(SeriesKey other) {
        return sortKey().compareTo(other.sortKey());
    }

    private String sortKey() {
        return metricType + '\u0000' + new TreeMap<>(metricLabels) + '\u0000' + resourceType + '\u0000'
                + new TreeMap<>(resourceLabels);
    }
}
