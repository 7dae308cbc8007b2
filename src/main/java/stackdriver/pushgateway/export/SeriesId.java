package stackdriver.pushgateway.export;

import com.google.api.Metric;
import com.google.api.MonitoredResource;
import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Cloud Monitoring tells series apart by: the metric (type and labels) and the monitored resource.
 * Compared by canonical texts computed once: comparing the protobuf messages (their label maps) on every
 * map lookup was the largest cost of an export interval. Series of one group share their resource's text.
 */
public final class SeriesId {

    private final Metric metric;
    private final MonitoredResource resource;
    private final String metricKey;
    private final String resourceKey;
    private final ByteString metricBytes;
    private final ByteString resourceBytes;
    private final int hash;

    public SeriesId(Metric metric, MonitoredResource resource) {
        this(metric, Resource.of(resource));
    }

    /** @param resource shared by the series of one group */
    SeriesId(Metric metric, Resource resource) {
        this.metric = metric;
        this.resource = resource.resource();
        this.metricKey = canonical(metric.getType(), metric.getLabelsMap());
        this.resourceKey = resource.key();
        this.metricBytes = metric.toByteString();
        this.resourceBytes = resource.bytes();
        this.hash = 31 * metricKey.hashCode() + resourceKey.hashCode();
    }

    /** A monitored resource with its canonical text and its encoded form, computed once for all its series. */
    record Resource(MonitoredResource resource, String key, ByteString bytes) {
        static Resource of(MonitoredResource resource) {
            return new Resource(resource, canonical(resource.getType(), resource.getLabelsMap()), resource.toByteString());
        }
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

    /** The metric as encoded in a request. */
    ByteString metricBytes() {
        return metricBytes;
    }

    ByteString resourceBytes() {
        return resourceBytes;
    }

    public String type() {
        return metric.getType();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof SeriesId other && hash == other.hash && metricKey.equals(other.metricKey)
                && resourceKey.equals(other.resourceKey);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return metric.getType() + metric.getLabelsMap() + " on " + resource.getType() + resource.getLabelsMap();
    }
}
