package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/** Metric and label names of any UTF-8 text (gateway.push.enable-utf8-names), read and written as 1.11 does. */
class Utf8NamesTest {

    private static List<MetricFamily> text(String body) {
        return new TextFormatParser(true).parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String write(List<MetricFamily> families, boolean quote) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TextFormatWriter(quote).write(families, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aQuotedNameInsideTheBracesIsTheMetricName() {
        List<MetricFamily> families = text("some_metric 3.14\n"
                + "{\"another.metric\",instance=\"i\",\"dotted.label.name\"=\"v\"} 42\n");
        assertThat(families).extracting(MetricFamily::name).containsExactly("some_metric", "another.metric");
        assertThat(families.get(1).metrics()).containsExactly(
                Metric.ofValue(Labels.of("instance", "i", "dotted.label.name", "v"), 42));
    }

    @Test
    void theNameAloneInBracesOrQuotedBeforeThemIsAlsoAName() {
        assertThat(text("{\"a.b\"} 1\n").get(0).metrics()).containsExactly(Metric.ofValue(Labels.EMPTY, 1));
        assertThat(text("\"a.b\"{\"x.y\"=\"1\"} 2\n").get(0).metrics())
                .containsExactly(Metric.ofValue(Labels.of("x.y", "1"), 2));
        assertThat(text("{legacy_name, \"x.y\"=\"1\"} 3\n").get(0).name()).isEqualTo("legacy_name");
    }

    @Test
    void helpAndTypeTakeQuotedNamesAndSuffixesFindTheirHistogram() {
        MetricFamily f = text("# HELP \"req.seconds\" Time taken.\n# TYPE \"req.seconds\" histogram\n"
                + "{\"req.seconds_bucket\",le=\"1\"} 2\n{\"req.seconds_bucket\",le=\"+Inf\"} 3\n"
                + "{\"req.seconds_sum\"} 4.5\n{\"req.seconds_count\"} 3\n").get(0);
        assertThat(f.name()).isEqualTo("req.seconds");
        assertThat(f.help()).isEqualTo("Time taken.");
        assertThat(f.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(f.metrics().get(0).count()).isEqualTo(3);
        assertThat(f.metrics().get(0).sum()).isEqualTo(4.5);
    }

    @Test
    void quotedNamesTakeEscapesAndAnyCharacter() {
        MetricFamily f = text("{\"caf\u00e9 \\\"q\\\" \\\\ \\n\",\"\u00fc\"=\"1\"} 1\n").get(0);
        assertThat(f.name()).isEqualTo("caf\u00e9 \"q\" \\ \n");
        assertThat(f.metrics().get(0).labels().name(0)).isEqualTo("\u00fc");
    }

    @Test
    void badQuotedNamesAreParseErrors() {
        assertTextError("{\"a\\tb\"} 1\n", "text format parsing error in line 1: invalid escape sequence '\\t'");
        assertTextError("{\"a.b\n", "text format parsing error in line 1: metric name \"a.b\" contains unescaped new-line");
        assertTextError("{\"\"} 1\n", "text format parsing error in line 1: invalid metric name");
        assertTextError("{\"a.b\" x=\"1\"} 1\n", "text format parsing error in line 1: unexpected end of metric name 'x'");
        assertTextError("m{\"\"=\"1\"} 1\n", "text format parsing error in line 1: invalid label name for metric \"m\"");
        assertTextError("m{\"__name__\"=\"1\"} 1\n", "text format parsing error in line 1: label name \"__name__\" is reserved");
        assertTextError("{\"a.b\",\"x.y\"=\"1\",\"x.y\"=\"2\"} 1\n", "text format parsing error in line 1: duplicate label names for metric \"a.b\"");
    }

    @Test
    void withUtf8NamesOffAQuotedNameFailsAsItAlwaysDid() {
        for (String body : new String[] {"{\"a.b\"} 1\n", "m{\"x.y\"=\"1\"} 1\n", "# TYPE \"a.b\" counter\n"}) {
            String before = errorOf(() -> new TextFormatParser().parse(body.getBytes(StandardCharsets.UTF_8)));
            assertThat(errorOf(() -> new PushBodyParser(false).parse(body.getBytes(StandardCharsets.UTF_8), null)))
                    .isEqualTo(before).startsWith("text format parsing error in line 1: ");
        }
    }

    @Test
    void protobufTakesUtf8NamesOnlyWithTheFlag() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Metrics.MetricFamily.newBuilder().setName("some.metric").setType(Metrics.MetricType.UNTYPED)
                .addMetric(Metrics.Metric.newBuilder()
                        .addLabel(Metrics.LabelPair.newBuilder().setName("dotted.label").setValue("v"))
                        .setUntyped(Metrics.Untyped.newBuilder().setValue(1.234)))
                .build().writeDelimitedTo(body);
        List<MetricFamily> families = new ProtobufDelimitedParser(true).parse(body.toByteArray());
        assertThat(families.get(0).name()).isEqualTo("some.metric");
        assertThat(families.get(0).metrics()).containsExactly(Metric.ofValue(Labels.of("dotted.label", "v"), 1.234));
        assertThatThrownBy(() -> new ProtobufDelimitedParser(false).parse(body.toByteArray()))
                .hasMessage("protobuf parsing error: invalid metric name \"some.metric\"");
    }

    @Test
    void quotedTextWritesTheNameInTheBracesAndReadsBack() throws IOException {
        List<MetricFamily> families = text("# HELP \"a.b\" Help.\n# TYPE \"a.b\" counter\n{\"a.b\",\"x.y\"=\"1\",z=\"2\"} 3\n"
                + "plain{\"x.y\"=\"1\"} 4\n");
        String written = write(families, true);
        assertThat(written).isEqualTo("# HELP \"a.b\" Help.\n# TYPE \"a.b\" counter\n{\"a.b\",\"x.y\"=\"1\",z=\"2\"} 3\n"
                + "# TYPE plain untyped\nplain{\"x.y\"=\"1\"} 4\n");
        assertThat(text(written)).isEqualTo(families);
    }

    @Test
    void escapingSchemesRenameAsPrometheusDoes() throws IOException {
        List<MetricFamily> families = text("{\"a.b\",\"x.y\"=\"1\"} 3\n{\"caf\u00e9\"} 1\nok_name 2\n");
        assertThat(write(NameEscaping.UNDERSCORES.escape(families), false))
                .isEqualTo("# TYPE a_b untyped\na_b{x_y=\"1\"} 3\n# TYPE caf_ untyped\ncaf_ 1\n# TYPE ok_name untyped\nok_name 2\n");
        assertThat(write(NameEscaping.VALUES.escape(families), false))
                .contains("U__a_2e_b{U__x_2e_y=\"1\"} 3\n", "U__caf_e9_ 1\n", "ok_name 2\n");
        assertThat(write(NameEscaping.DOTS.escape(families), false)).contains("a_dot_b{x_dot_y=\"1\"} 3\n", "ok_name 2\n");
        assertThat(NameEscaping.ALLOW_UTF8.escape(families)).isSameAs(families);
    }

    @Test
    void theEscapingComesFromTheAcceptHeaderAndUnderscoresWhenNoneIsAsked() {
        assertThat(ExpositionFormat.negotiateWithEscaping(null).contentType())
                .isEqualTo("text/plain; version=0.0.4; charset=utf-8; escaping=underscores");
        assertThat(ExpositionFormat.negotiateWithEscaping("text/plain;version=0.0.4;escaping=allow-utf-8").escaping())
                .isEqualTo(NameEscaping.ALLOW_UTF8);
        ExpositionFormat.Choice protobuf = ExpositionFormat.negotiateWithEscaping(
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;escaping=values");
        assertThat(protobuf.format()).isEqualTo(ExpositionFormat.PROTOBUF_DELIMITED);
        assertThat(protobuf.escaping()).isEqualTo(NameEscaping.VALUES);
        assertThat(ExpositionFormat.negotiateWithEscaping("text/plain;escaping=bogus").escaping())
                .isEqualTo(NameEscaping.UNDERSCORES);
    }

    private static void assertTextError(String body, String message) {
        assertThatThrownBy(() -> text(body)).isInstanceOf(ExpositionParseException.class).hasMessage(message);
    }

    private static String errorOf(Runnable parse) {
        try {
            parse.run();
        } catch (ExpositionParseException e) {
            return e.getMessage();
        }
        throw new AssertionError("no parse error");
    }
}
