package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.Timestamp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.NativeHistogram;

/** Native histograms pushed in protobuf: stored as pushed, and written back field for field. */
class NativeHistogramProtobufTest {

    static final Metrics.Histogram INTEGER_NATIVE = Metrics.Histogram.newBuilder()
            .setSampleCount(7).setSampleSum(12.5).setSchema(3).setZeroThreshold(1e-9).setZeroCount(1)
            .addPositiveSpan(Metrics.BucketSpan.newBuilder().setOffset(-2).setLength(2))
            .addPositiveSpan(Metrics.BucketSpan.newBuilder().setOffset(3).setLength(1))
            .addPositiveDelta(2).addPositiveDelta(-1).addPositiveDelta(1)
            .addNegativeSpan(Metrics.BucketSpan.newBuilder().setOffset(0).setLength(1))
            .addNegativeDelta(2)
            .setCreatedTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(500_000_000))
            .build();

    static final Metrics.Histogram FLOAT_NATIVE = Metrics.Histogram.newBuilder()
            .setSampleCountFloat(4.5).setSampleSum(3).setSchema(-1).setZeroThreshold(0.001).setZeroCountFloat(0.5)
            .addPositiveSpan(Metrics.BucketSpan.newBuilder().setOffset(1).setLength(2))
            .addPositiveCount(1.5).addPositiveCount(2.5)
            .build();

    private static byte[] body(Metrics.Histogram... histograms) throws IOException {
        Metrics.MetricFamily.Builder family = Metrics.MetricFamily.newBuilder().setName("latency_seconds")
                .setHelp("Latency.").setType(Metrics.MetricType.HISTOGRAM);
        for (int i = 0; i < histograms.length; i++) {
            family.addMetric(Metrics.Metric.newBuilder()
                    .addLabel(Metrics.LabelPair.newBuilder().setName("path").setValue("/" + i))
                    .setHistogram(histograms[i]));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        family.build().writeDelimitedTo(out);
        return out.toByteArray();
    }

    private static Metric parseOne(Metrics.Histogram histogram) throws IOException {
        return new ProtobufDelimitedParser().parse(body(histogram)).get(0).metrics().get(0);
    }

    private static List<Metrics.MetricFamily> reexposed(List<MetricFamily> families) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProtobufDelimitedWriter().write(families, out);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        List<Metrics.MetricFamily> messages = new ArrayList<>();
        for (Metrics.MetricFamily m; (m = Metrics.MetricFamily.parseDelimitedFrom(in)) != null; ) {
            messages.add(m);
        }
        return messages;
    }

    @Test
    void aNativeOnlyHistogramIsStoredAsPushedWithoutClassicBuckets() throws IOException {
        Metric m = parseOne(INTEGER_NATIVE);
        assertThat(m.count()).isEqualTo(7);
        assertThat(m.sum()).isEqualTo(12.5);
        assertThat(m.createdSeconds()).isEqualTo(1_700_000_000.5);
        assertThat(m.bucketBounds()).isEmpty();
        NativeHistogram n = m.nativeHistogram();
        assertThat(n.schema()).isEqualTo(3);
        assertThat(n.zeroThreshold()).isEqualTo(1e-9);
        assertThat(n.zeroCount()).isEqualTo(1);
        assertThat(n.isFloat()).isFalse();
        assertThat(n.positive().spanOffsets()).containsExactly(-2, 3);
        assertThat(n.positive().spanLengths()).containsExactly(2, 1);
        assertThat(n.positive().deltas()).containsExactly(2, -1, 1);
        assertThat(n.positive().absoluteCounts()).containsExactly(2, 1, 2);
        assertThat(n.positive().indexes()).containsExactly(-2, -1, 3);
        assertThat(n.negative().deltas()).containsExactly(2);
    }

    @Test
    void aFloatNativeHistogramKeepsItsFloatCounts() throws IOException {
        Metric m = parseOne(FLOAT_NATIVE);
        assertThat(m.count()).isEqualTo(4.5);
        NativeHistogram n = m.nativeHistogram();
        assertThat(n.isFloat()).isTrue();
        assertThat(n.zeroBucketCount()).isEqualTo(0.5);
        assertThat(n.positive().counts()).containsExactly(1.5, 2.5);
        assertThat(n.negative().isEmpty()).isTrue();
    }

    @Test
    void aHistogramWithBothKeepsItsClassicBucketsAndItsNativePart() throws IOException {
        Metric m = parseOne(INTEGER_NATIVE.toBuilder()
                .addBucket(Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCount(3)).build());
        assertThat(m.bucketBounds()).containsExactly(1, Double.POSITIVE_INFINITY);
        assertThat(m.bucketCounts()).containsExactly(3, 7);
        assertThat(m.nativeHistogram().positive().deltas()).containsExactly(2, -1, 1);
    }

    @Test
    void aClassicHistogramHasNoNativePart() throws IOException {
        Metric m = parseOne(Metrics.Histogram.newBuilder().setSampleCount(2).setSampleSum(1)
                .addBucket(Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCount(2)).build());
        assertThat(m.nativeHistogram()).isNull();
    }

    @Test
    void spansThatDoNotCoverTheCountsSentAreRejected() {
        Metrics.Histogram bad = INTEGER_NATIVE.toBuilder().addPositiveDelta(5).build();
        assertThatThrownBy(() -> parseOne(bad)).isInstanceOf(ExpositionParseException.class)
                .hasMessage("protobuf parsing error: native histogram \"latency_seconds\" {path=\"/0\"} has positive"
                        + " spans covering 3 buckets but 4 bucket counts");
    }

    @Test
    void protobufReExposesEveryNativeFieldAsPushed() throws IOException {
        Metrics.Histogram both = INTEGER_NATIVE.toBuilder()
                .addBucket(Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCount(3))
                .addBucket(Metrics.Bucket.newBuilder().setUpperBound(Double.POSITIVE_INFINITY).setCumulativeCount(7))
                .build();
        List<MetricFamily> families = new ProtobufDelimitedParser().parse(body(INTEGER_NATIVE, FLOAT_NATIVE, both));
        Metrics.MetricFamily back = reexposed(families).get(0);
        assertThat(back.getMetric(0).getHistogram()).isEqualTo(INTEGER_NATIVE);
        assertThat(back.getMetric(1).getHistogram()).isEqualTo(FLOAT_NATIVE);
        assertThat(back.getMetric(2).getHistogram()).isEqualTo(both);
    }

    @Test
    void textShowsANativeOnlyHistogramAsExpfmtDoesWithTheInfBucketSumAndCount() throws IOException {
        List<MetricFamily> families = new ProtobufDelimitedParser().parse(body(INTEGER_NATIVE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TextFormatWriter().write(families, out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("""
                # HELP latency_seconds Latency.
                # TYPE latency_seconds histogram
                latency_seconds_bucket{path="/0",le="+Inf"} 7
                latency_seconds_sum{path="/0"} 12.5
                latency_seconds_count{path="/0"} 7
                """);
    }

    @Test
    void unpackedDeltasAndCountsAreReadAsPackedOnes() throws IOException {
        // field 13 (positive_delta) as two unpacked sint64 varints: tag 104, zigzag(2)=4, zigzag(-1)=1
        byte[] unpacked = {(byte) 104, 4, (byte) 104, 1};
        Metrics.Histogram packed = Metrics.Histogram.newBuilder().setSchema(0)
                .addPositiveSpan(Metrics.BucketSpan.newBuilder().setLength(2)).build();
        byte[] histogram = concat(packed.toByteArray(), unpacked);
        Metrics.Histogram read = Metrics.Histogram.parseFrom(histogram);
        assertThat(read.getPositiveDeltaList()).containsExactly(2L, -1L);
        assertThat(parseOne(read).nativeHistogram().positive().deltas()).containsExactly(2, -1);
        byte[] metric = concat(new byte[] {58, (byte) histogram.length}, histogram);
        byte[] family = concat(new byte[] {10, 1, 'h', 24, 4, 34, (byte) metric.length}, metric);
        byte[] delimited = concat(new byte[] {(byte) family.length}, family);
        assertThat(new ProtobufDelimitedParser().parse(delimited).get(0).metrics().get(0).nativeHistogram().positive()
                .deltas()).containsExactly(2, -1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
