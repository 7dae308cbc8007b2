package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

class ProtobufDelimitedTest {

    private static byte[] delimited(Metrics.MetricFamily... messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Metrics.MetricFamily m : messages) {
            m.writeDelimitedTo(out);
        }
        return out.toByteArray();
    }

    private static List<MetricFamily> parse(byte[] body) {
        return new ProtobufDelimitedParser().parse(body);
    }

    private static Metrics.MetricFamily gauge(String name, String label, double value) {
        return Metrics.MetricFamily.newBuilder().setName(name).setType(Metrics.MetricType.GAUGE)
                .addMetric(Metrics.Metric.newBuilder()
                        .addLabel(Metrics.LabelPair.newBuilder().setName("a").setValue(label))
                        .setGauge(Metrics.Gauge.newBuilder().setValue(value)))
                .build();
    }

    @Test
    void writtenFamiliesReadBackUnchanged() throws IOException {
        List<MetricFamily> families = List.of(
                new MetricFamily("c_total", "Count.", MetricType.COUNTER,
                        List.of(Metric.ofValue(Labels.of("x", "1"), 5).withCreated(1700000000.25).withTimestamp(1234))),
                new MetricFamily("g", "", MetricType.GAUGE, "bytes", List.of(Metric.ofValue(Labels.EMPTY, Double.NaN))),
                new MetricFamily("u", "", MetricType.UNTYPED, List.of(Metric.ofValue(Labels.of("l", "é\"\n"), -1.5))),
                new MetricFamily("h", "H.", MetricType.HISTOGRAM, List.of(Metric.ofHistogram(Labels.EMPTY, 4, 2.5,
                        new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1.5, 4}).withCreated(10))),
                new MetricFamily("gh", "", MetricType.GAUGE_HISTOGRAM, List.of(Metric.ofHistogram(Labels.EMPTY, 2, 1,
                        new double[] {Double.POSITIVE_INFINITY}, new double[] {2}))),
                new MetricFamily("s", "", MetricType.SUMMARY, List.of(Metric.ofSummary(Labels.of("k", "v"), 3, 9,
                        new double[] {0.5, 0.99}, new double[] {1, 7}))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProtobufDelimitedWriter().write(families, out);
        List<MetricFamily> back = parse(out.toByteArray());
        assertThat(openMetrics(back)).isEqualTo(openMetrics(families));
        assertThat(back).extracting(MetricFamily::name, MetricFamily::type)
                .containsExactlyElementsOf(families.stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.name(), f.type())).toList());
    }

    /** Records holding arrays do not compare by content; their OpenMetrics rendering shows every field. */
    private static String openMetrics(List<MetricFamily> families) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OpenMetricsWriter().write(families, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void histogramWithoutInfBucketGetsOneWithTheSampleCount() throws IOException {
        Metrics.MetricFamily h = Metrics.MetricFamily.newBuilder().setName("h").setType(Metrics.MetricType.HISTOGRAM)
                .addMetric(Metrics.Metric.newBuilder().setHistogram(Metrics.Histogram.newBuilder().setSampleCount(5)
                        .setSampleSum(2).addBucket(Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCount(3))))
                .build();
        Metric m = parse(delimited(h)).get(0).metrics().get(0);
        assertThat(m.bucketBounds()).containsExactly(1, Double.POSITIVE_INFINITY);
        assertThat(m.bucketCounts()).containsExactly(3, 5);
    }

    @Test
    void floatCountsAreRead() throws IOException {
        Metrics.MetricFamily h = Metrics.MetricFamily.newBuilder().setName("h").setType(Metrics.MetricType.HISTOGRAM)
                .addMetric(Metrics.Metric.newBuilder().setHistogram(Metrics.Histogram.newBuilder().setSampleCountFloat(2.5)
                        .addBucket(Metrics.Bucket.newBuilder().setUpperBound(Double.POSITIVE_INFINITY).setCumulativeCountFloat(2.5))))
                .build();
        Metric m = parse(delimited(h)).get(0).metrics().get(0);
        assertThat(m.count()).isEqualTo(2.5);
        assertThat(m.bucketCounts()).containsExactly(2.5);
    }

    @Test
    void aFloatCountOfZeroLeavesTheIntegerCountAsPushgateway110ReadsIt() throws IOException {
        Metrics.MetricFamily h = Metrics.MetricFamily.newBuilder().setName("h").setType(Metrics.MetricType.HISTOGRAM)
                .addMetric(Metrics.Metric.newBuilder().setHistogram(Metrics.Histogram.newBuilder().setSampleCount(4)
                        .setSampleCountFloat(0).addBucket(Metrics.Bucket.newBuilder().setUpperBound(1)
                                .setCumulativeCount(3).setCumulativeCountFloat(0))))
                .build();
        Metric m = parse(delimited(h)).get(0).metrics().get(0);
        assertThat(m.count()).isEqualTo(4);
        assertThat(m.bucketCounts()).containsExactly(3, 4);
    }

    @Test
    void sameFamilyTwiceIsMerged() throws IOException {
        List<MetricFamily> families = parse(delimited(gauge("dup", "1", 1), gauge("dup", "2", 2)));
        assertThat(families).hasSize(1);
        assertThat(families.get(0).metrics()).extracting(Metric::value).containsExactly(1.0, 2.0);
    }

    @Test
    void metricWithoutTheFieldOfItsTypeIsAnError() throws IOException {
        Metrics.MetricFamily bad = Metrics.MetricFamily.newBuilder().setName("c").setType(Metrics.MetricType.COUNTER)
                .addMetric(Metrics.Metric.newBuilder().setGauge(Metrics.Gauge.newBuilder().setValue(1))).build();
        assertThatThrownBy(() -> parse(delimited(bad))).isInstanceOf(ExpositionParseException.class)
                .hasMessage("collected metric \"c\" {} is not a COUNTER");
    }

    @Test
    void truncatedBodyIsUnexpectedEof() throws IOException {
        byte[] body = delimited(gauge("g", "1", 1));
        assertThatThrownBy(() -> parse(Arrays.copyOf(body, body.length - 3)))
                .isInstanceOf(ExpositionParseException.class).hasMessage("unexpected EOF");
    }

    @Test
    void invalidNamesAreErrors() throws IOException {
        assertThatThrownBy(() -> parse(delimited(gauge("a-b", "1", 1))))
                .hasMessage("protobuf parsing error: invalid metric name \"a-b\"");
        Metrics.MetricFamily badLabel = gauge("g", "1", 1).toBuilder()
                .setMetric(0, gauge("g", "1", 1).getMetric(0).toBuilder()
                        .setLabel(0, Metrics.LabelPair.newBuilder().setName("1x").setValue("v"))).build();
        assertThatThrownBy(() -> parse(delimited(badLabel)))
                .hasMessage("protobuf parsing error: invalid label name \"1x\" for metric \"g\"");
    }

    @Test
    void explicitLeLabelOnHistogramIsAnError() throws IOException {
        Metrics.MetricFamily h = Metrics.MetricFamily.newBuilder().setName("h").setType(Metrics.MetricType.HISTOGRAM)
                .addMetric(Metrics.Metric.newBuilder().addLabel(Metrics.LabelPair.newBuilder().setName("le").setValue("1"))
                        .setHistogram(Metrics.Histogram.newBuilder().setSampleCount(1)))
                .build();
        assertThatThrownBy(() -> parse(delimited(h)))
                .hasMessage("collected metric \"h\" {le=\"1\"} must not have an explicit \"le\" label");
    }

    @Test
    void emptyBodyHasNoFamilies() {
        assertThat(parse(new byte[0])).isEmpty();
    }
}
