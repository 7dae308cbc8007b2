package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/** The protobuf reader follows protobuf's own parsing rules: field order, merging, unknown fields, malformed input. */
class ProtobufWireFormatTest {

    private static List<MetricFamily> parse(byte[] body) {
        return new ProtobufDelimitedParser().parse(body);
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] field(int number, byte[] payload) {
        return concat(varint(number << 3 | 2), varint(payload.length), payload);
    }

    private static byte[] text(int number, String s) {
        return field(number, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static byte[] enumField(int number, int value) {
        return concat(varint(number << 3), varint(value));
    }

    private static byte[] doubleField(int number, double value) {
        long bits = Double.doubleToRawLongBits(value);
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (bits >>> (8 * i));
        }
        return concat(varint(number << 3 | 1), b);
    }

    private static byte[] delimited(byte[] family) {
        return concat(varint(family.length), family);
    }

    private static byte[] label(String name, String value) {
        return field(1, concat(text(1, name), text(2, value)));
    }

    @Test
    void typeAndNameMayComeAfterTheMetrics() {
        byte[] metric = field(4, concat(label("a", "1"), field(2, doubleField(1, 7))));
        List<MetricFamily> families = parse(delimited(concat(metric, enumField(3, 1), text(1, "g"))));
        assertThat(families).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("g");
            assertThat(f.type()).isEqualTo(MetricType.GAUGE);
            assertThat(f.metrics()).containsExactly(Metric.ofValue(Labels.of("a", "1"), 7));
        });
    }

    @Test
    void aValueMessageSentTwiceIsMergedAndTheLastValueWins() {
        byte[] metric = field(4, concat(field(3, doubleField(1, 1)), field(3, field(3, enumField(1, 5))),
                field(3, doubleField(1, 2))));
        Metric m = parse(delimited(concat(text(1, "c_total"), metric))).get(0).metrics().get(0);
        assertThat(m.value()).isEqualTo(2);
        assertThat(m.createdSeconds()).isEqualTo(5);
    }

    @Test
    void anUnknownEnumNumberLeavesTheTypeAsItWas() {
        byte[] metric = field(4, field(2, doubleField(1, 1)));
        assertThat(parse(delimited(concat(text(1, "g"), enumField(3, 1), enumField(3, 99), metric))).get(0).type())
                .isEqualTo(MetricType.GAUGE);
    }

    @Test
    void unknownFieldsAndExemplarsAreSkippedAndNativeFieldsLeaveTheClassicBuckets() throws Exception {
        Metrics.MetricFamily h = Metrics.MetricFamily.newBuilder().setName("h").setType(Metrics.MetricType.HISTOGRAM)
                .addMetric(Metrics.Metric.newBuilder().setHistogram(Metrics.Histogram.newBuilder().setSampleCount(2)
                        .setSampleSum(3).setSchema(3).addPositiveDelta(4).addPositiveCount(1.5)
                        .addPositiveSpan(Metrics.BucketSpan.newBuilder().setOffset(1).setLength(1))
                        .addBucket(Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCount(2)
                                .setExemplar(Metrics.Exemplar.newBuilder().setValue(0.5)
                                        .addLabel(Metrics.LabelPair.newBuilder().setName("trace").setValue("t"))))))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.writeDelimitedTo(out);
        byte[] withUnknown = concat(text(1, "h"), enumField(3, 4), text(9, "unknown"), field(4, h.getMetric(0).toByteArray()));
        for (byte[] body : List.of(out.toByteArray(), delimited(withUnknown))) {
            Metric m = parse(body).get(0).metrics().get(0);
            assertThat(m.count()).isEqualTo(2);
            assertThat(m.bucketBounds()).containsExactly(1, Double.POSITIVE_INFINITY);
            assertThat(m.bucketCounts()).containsExactly(2, 2);
        }
    }

    @Test
    void labelValuesRepeatedAcrossSeriesAreReadEachTime() {
        byte[] family = text(1, "g");
        family = concat(family, enumField(3, 1));
        for (String v : new String[] {"200", "200", "500", "é", "é"}) {
            family = concat(family, field(4, concat(label("code", v), field(2, doubleField(1, 1)))));
        }
        assertThat(parse(delimited(family)).get(0).metrics()).extracting(m -> m.labels().get("code"))
                .containsExactly("200", "200", "500", "é", "é");
    }

    @Test
    void malformedContentOfAnExemplarIsAnError() {
        byte[] exemplar = field(2, new byte[] {0}); // an exemplar whose content is a zero tag
        byte[] metric = field(4, field(3, concat(doubleField(1, 1), exemplar)));
        assertThatThrownBy(() -> parse(delimited(concat(text(1, "c"), metric))))
                .isInstanceOf(ExpositionParseException.class)
                .hasMessageStartingWith("protobuf parsing error: Protocol message contained an invalid tag (zero).");
    }

    @Test
    void malformedMetricIsReportedBeforeAnInvalidName() {
        byte[] metric = field(4, new byte[] {0});
        assertThatThrownBy(() -> parse(delimited(concat(text(1, "a-b"), metric))))
                .hasMessageStartingWith("protobuf parsing error: Protocol message contained an invalid tag (zero).");
    }

    @Test
    void anEndGroupTagIsAnError() {
        assertThatThrownBy(() -> parse(delimited(concat(text(1, "g"), varint(4 << 3 | 4)))))
                .hasMessageStartingWith("protobuf parsing error: Protocol message end-group tag did not match expected tag.");
    }

    @Test
    void aMessageLongerThanTheBodyIsUnexpectedEof() {
        byte[] family = concat(text(1, "g"), enumField(3, 1), field(4, field(2, doubleField(1, 1))));
        byte[] body = delimited(family);
        // cut exactly after the name field: what is left is well formed, but shorter than announced
        byte[] cut = Arrays.copyOf(body, varint(family.length).length + text(1, "g").length);
        assertThatThrownBy(() -> parse(cut)).hasMessage("unexpected EOF");
    }

    @Test
    void anEmptyMessageHasNoName() {
        assertThatThrownBy(() -> parse(new byte[] {0})).hasMessage("protobuf parsing error: invalid metric name \"\"");
    }
}
