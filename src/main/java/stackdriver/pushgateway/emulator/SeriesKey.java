package stackdriver.pushgateway.emulator;

import com.google.api.Metric;
import com.google.api.MonitoredResource;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

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

    /** The maps are kept, not copied: pass immutable ones (a protobuf message's). */
    SeriesKey(String metricType, Map<String, String> metricLabels, String resourceType, Map<String, String> resourceLabels) {
        this.metricType = metricType;
        this.metricLabels = Collections.unmodifiableMap(metricLabels);
        this.resourceType = resourceType;
        this.resourceLabels = Collections.unmodifiableMap(resourceLabels);
        StringBuilder text = new StringBuilder(128).append(metricType);
        appendSorted(text, metricLabels);
        text.append('\u0001').append(resourceType);
        appendSorted(text, resourceLabels);
        this.text = text.toString();
    }

    private static void appendSorted(StringBuilder text, Map<String, String> labels) {
        String[] keys = labels.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        for (String key : keys) {
            text.append('\u0000').append(key).append('=').append(labels.get(key));
        }
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
