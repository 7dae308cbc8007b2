package stackdriver.pushgateway.export;

import com.google.api.Metric;
import com.google.api.MonitoredResource;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Cloud Monitoring tells series apart by: the metric (type and labels) and the monitored resource.
 * Compared by a canonical text computed once: comparing the protobuf messages (their label maps) on every
 * map lookup was the largest cost of an export interval.
 */
public final class SeriesId {

    private final Metric metric;
    private final MonitoredResource resource;
    private final String key;

    public SeriesId(Metric metric, MonitoredResource resource) {
        this.metric = metric;
        this.resource = resource;
        this.key = canonical(metric.getType(), metric.getLabelsMap()) + '\u0001'
                + canonical(resource.getType(), resource.getLabelsMap());
    }

    private static String canonical(String type, Map<String, String> labels) {
        StringBuilder sb = new StringBuilder(type.length() + labels.size() * 24).append(type);
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            sb.append('\u0000').append(label.getKey()).append('=').append(label.getValue());
        }
        return sb.toString();
    }

    public Metric metric() {
        return metric;
    }

    public MonitoredResource resource() {
        return resource;
    }

    public String type() {
        return metric.getType();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesId other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return metric.getType() + metric.getLabelsMap() + " on " + resource.getType() + resource.getLabelsMap();
    }
}
