package stackdriver.pushgateway.emulator;

import com.google.api.Metric;
import com.google.api.MonitoredResource;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two TimeSeries the same series: metric type and labels, resource type and labels. Compared by a
 * canonical text computed once, which also gives the stable order for listing and paging: comparing the label
 * maps on every store lookup was the emulator's largest cost.
 */
final class SeriesKey implements Comparable<SeriesKey> {

    private final String metricType;
    private final Map<String, String> metricLabels;
    private final String resourceType;
    private final Map<String, String> resourceLabels;
    private final String text;

    SeriesKey(String metricType, Map<String, String> metricLabels, String resourceType, Map<String, String> resourceLabels) {
        this.metricType = metricType;
        this.metricLabels = Map.copyOf(metricLabels);
        this.resourceType = resourceType;
        this.resourceLabels = Map.copyOf(resourceLabels);
        this.text = metricType + '\u0000' + new TreeMap<>(metricLabels) + '\u0000' + resourceType + '\u0000'
                + new TreeMap<>(resourceLabels);
    }

    static SeriesKey of(Metric metric, MonitoredResource resource) {
        return new SeriesKey(metric.getType(), metric.getLabelsMap(), resource.getType(), resource.getLabelsMap());
    }

    String metricType() {
        return metricType;
    }

    Map<String, String> metricLabels() {
        return metricLabels;
    }

    String resourceType() {
        return resourceType;
    }

    Map<String, String> resourceLabels() {
        return resourceLabels;
    }

    @Override
    public int compareTo(SeriesKey other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
