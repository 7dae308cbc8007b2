package stackdriver.pushgateway.export;

import com.google.api.Metric;
import com.google.api.MonitoredResource;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * What Cloud Monitoring tells series apart by: the metric (type and labels) and the monitored resource. Kept
 * as their deterministic encoding (map entries sorted by key), which is both what a request carries and what
 * two ids are compared by; the series of one group share one {@link Resource}. Kept this way because a gateway
 * holds one id per stored series: the messages themselves took several times the memory, and comparing their
 * label maps on every lookup was the largest cost of an export interval.
 */
public final class SeriesId {

    private final String type;
    /** An array, not a ByteString: one object fewer to reach for each series an interval writes. */
    private final byte[] metricBytes;
    private final Resource resource;
    private final int hash;

    public SeriesId(Metric metric, MonitoredResource resource) {
        this(metric, Resource.of(resource));
    }

    /** @param resource shared by the series of one group */
    SeriesId(Metric metric, Resource resource) {
        this.type = metric.getType();
        this.metricBytes = deterministic(metric);
        this.resource = resource;
        this.hash = 31 * Arrays.hashCode(metricBytes) + resource.bytes().hashCode();
    }

    /** A monitored resource and its deterministic encoding, computed once for all its series. */
    record Resource(MonitoredResource resource, ByteString bytes) {
        static Resource of(MonitoredResource resource) {
            return new Resource(resource, UnsafeByteOperations.unsafeWrap(deterministic(resource)));
        }
    }

    private static byte[] deterministic(Message message) {
        byte[] bytes = new byte[message.getSerializedSize()];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.useDeterministicSerialization();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.checkNoSpaceLeft();
        return bytes;
    }

    /** Decoded again on each call: for reports and descriptors, not for every point. */
    public Metric metric() {
        try {
            return Metric.parseFrom(metricBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a metric encoded here does not decode", e);
        }
    }

    public MonitoredResource resource() {
        return resource.resource();
    }

    /** The metric as encoded in a request; not to be modified. */
    byte[] metricBytes() {
        return metricBytes;
    }

    ByteString resourceBytes() {
        return resource.bytes();
    }

    public String type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof SeriesId other && hash == other.hash && Arrays.equals(metricBytes, other.metricBytes)
                && resource.bytes().equals(other.resource.bytes());
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return type + metric().getLabelsMap() + " on " + resource().getType() + resource().getLabelsMap();
    }
}
