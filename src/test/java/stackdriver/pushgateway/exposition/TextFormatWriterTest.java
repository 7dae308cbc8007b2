package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

class TextFormatWriterTest {

    private static String write(List<MetricFamily> families) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TextFormatWriter().write(families, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String roundTrip(String body) throws IOException {
        return write(new TextFormatParser().parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void counterWithHelpAndLabels() throws IOException {
        MetricFamily f = new MetricFamily("c_total", "Requests.", MetricType.COUNTER,
                List.of(Metric.ofValue(Labels.of("path", "/a", "code", "200"), 3)));
        assertThat(write(List.of(f))).isEqualTo(
                "# HELP c_total Requests.\n# TYPE c_total counter\nc_total{code=\"200\",path=\"/a\"} 3\n");
    }

    @Test
    void helpLineIsLeftOutWhenEmpty() throws IOException {
        assertThat(write(List.of(new MetricFamily("g", "", MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, 1))))))
                .isEqualTo("# TYPE g gauge\ng 1\n");
    }

    @Test
    void floatsAreFormattedAsGoFormatsThem() throws IOException {
        assertThat(roundTrip("a 1234567\na 123456\na 1e-7\na 0.0001\na -0.0\na 123456789\na 0.30000000000000004\n"
                + "a 1e21\na 1e+100\na 5e-324\na NaN\na +Inf\na -Inf\na -1.5\na 2.5e-05\na 1.7976931348623157e308\n"))
                .isEqualTo("# TYPE a untyped\na 1.234567e+06\na 123456\na 1e-07\na 0.0001\na 0\na 1.23456789e+08\n"
                        + "a 0.30000000000000004\na 1e+21\na 1e+100\na 5e-324\na NaN\na +Inf\na -Inf\na -1.5\n"
                        + "a 2.5e-05\na 1.7976931348623157e+308\n");
    }

    @Test
    void shortestDigitsEvenWhereJava17PrintsMore() {
        assertThat(GoFloat.format(2.0E23)).isEqualTo("2e+23");
        assertThat(GoFloat.format(2.82879384806159E17)).isEqualTo("2.82879384806159e+17");
        assertThat(GoFloat.format(1.0E23)).isEqualTo("1e+23");
    }

    @Test
    void escapingInHelpAndLabelValues() throws IOException {
        assertThat(roundTrip("# HELP a x\\\\y\\nz \"q\"\na{v=\"b\\\\s \\\"q\\\" n\\nl é\"} 1\n"))
                .isEqualTo("# HELP a x\\\\y\\nz \"q\"\n# TYPE a untyped\na{v=\"b\\\\s \\\"q\\\" n\\nl é\"} 1\n");
    }

    @Test
    void timestampsArePrinted() throws IOException {
        assertThat(roundTrip("a 1 1700000000000\n")).isEqualTo("# TYPE a untyped\na 1 1700000000000\n");
    }

    @Test
    void histogramWithoutInfBucketGetsOneAsGoPrintsIt() throws IOException {
        assertThat(roundTrip("# TYPE h histogram\nh_bucket{x=\"1\",le=\"2\"} 3.9\nh_bucket{x=\"1\",le=\"1\"} 1\nh_sum{x=\"1\"} 4\nh_count{x=\"1\"} 4\n"))
                .isEqualTo("# TYPE h histogram\n"
                        + "h_bucket{x=\"1\",le=\"1\"} 1\nh_bucket{x=\"1\",le=\"2\"} 3\nh_bucket{x=\"1\",le=\"+Inf\"} 4\n"
                        + "h_sum{x=\"1\"} 4\nh_count{x=\"1\"} 4\n");
    }

    @Test
    void summaryPrintsQuantilesSumAndCount() throws IOException {
        assertThat(roundTrip("# TYPE b summary\nb{quantile=\"0.5\"} 1\nb{quantile=\"0.5\",x=\"1\"} 2\nb_count 2.7\nb_sum NaN\n"))
                .isEqualTo("# TYPE b summary\nb{quantile=\"0.5\"} 1\nb_sum NaN\nb_count 2\n"
                        + "b{x=\"1\",quantile=\"0.5\"} 2\nb_sum{x=\"1\"} 0\nb_count{x=\"1\"} 0\n");
    }

    @Test
    void textRoundTripIsStable() throws IOException {
        String body = "# HELP c Total.\n# TYPE c counter\nc{a=\"1\"} 10\nc{a=\"2\"} 2.5e+07\n"
                + "# TYPE g gauge\ng NaN\n# TYPE s summary\ns{quantile=\"0.5\"} 0.1\ns{quantile=\"0.99\"} 1.5\ns_sum 3\ns_count 9\n"
                + "# TYPE u untyped\nu{l=\"x\\\"y\"} -3 42\n";
        assertThat(roundTrip(body)).isEqualTo(body);
        assertThat(roundTrip(roundTrip(body))).isEqualTo(body);
    }

    @Test
    void familiesWithoutSeriesAreSkipped() throws IOException {
        assertThat(write(List.of(new MetricFamily("e", "h", MetricType.GAUGE, List.of())))).isEmpty();
    }

    /** The body pushed to Pushgateway 1.5.1 at /metrics/job/t/instance/i; the expected text is its GET /metrics. */
    @Test
    void sameBytesAsTheReferencePushgateway() throws IOException {
        String body = "# HELP a_total Escapes \\\\ and \\n and \"quotes\".\n# TYPE a_total counter\n"
                + "a_total{k=\"v\\\\w\\\"x\\ny \u00e9\"} 1234567\na_total{k=\"z\"} 0.000012345\n"
                + "# TYPE b gauge\nb{k=\"1\"} -0.5\nb{k=\"2\"} NaN\nb{k=\"3\"} +Inf\nb{k=\"4\"} -Inf\nb{k=\"5\"} 1e-300\n"
                + "b{k=\"6\"} 123456.789\nb{k=\"7\"} 1.7976931348623157e308\nb{k=\"8\"} 100000\nb{k=\"9\"} 1000000\n"
                + "# HELP h Histogram.\n# TYPE h histogram\nh_bucket{k=\"a\",le=\"0.001\"} 1\nh_bucket{k=\"a\",le=\"1e+06\"} 2\n"
                + "h_sum{k=\"a\"} 0.30000000000000004\nh_count{k=\"a\"} 3\n"
                + "# TYPE s summary\ns{k=\"a\",quantile=\"0.5\"} 1.5\ns{k=\"a\",quantile=\"0.99\"} 2\ns_sum{k=\"a\"} 10\n"
                + "s_count{k=\"a\"} 4\n# TYPE u untyped\nu 3.14159\n";
        String reference = """
                # HELP a_total Escapes \\\\ and \\n and "quotes".
                # TYPE a_total counter
                a_total{instance="i",job="t",k="v\\\\w\\"x\\ny \u00e9"} 1.234567e+06
                a_total{instance="i",job="t",k="z"} 1.2345e-05
                # TYPE b gauge
                b{instance="i",job="t",k="1"} -0.5
                b{instance="i",job="t",k="2"} NaN
                b{instance="i",job="t",k="3"} +Inf
                b{instance="i",job="t",k="4"} -Inf
                b{instance="i",job="t",k="5"} 1e-300
                b{instance="i",job="t",k="6"} 123456.789
                b{instance="i",job="t",k="7"} 1.7976931348623157e+308
                b{instance="i",job="t",k="8"} 100000
                b{instance="i",job="t",k="9"} 1e+06
                # HELP h Histogram.
                # TYPE h histogram
                h_bucket{instance="i",job="t",k="a",le="0.001"} 1
                h_bucket{instance="i",job="t",k="a",le="1e+06"} 2
                h_bucket{instance="i",job="t",k="a",le="+Inf"} 3
                h_sum{instance="i",job="t",k="a"} 0.30000000000000004
                h_count{instance="i",job="t",k="a"} 3
                # TYPE s summary
                s{instance="i",job="t",k="a",quantile="0.5"} 1.5
                s{instance="i",job="t",k="a",quantile="0.99"} 2
                s_sum{instance="i",job="t",k="a"} 10
                s_count{instance="i",job="t",k="a"} 4
                # TYPE u untyped
                u{instance="i",job="t"} 3.14159
                """;
        List<MetricFamily> pushed = new TextFormatParser().parse(body.getBytes(StandardCharsets.UTF_8)).stream()
                .map(f -> f.withMetrics(f.metrics().stream()
                        .map(m -> m.withLabels(m.labels().with(Labels.of("instance", "i", "job", "t")))).toList()))
                .toList();
        assertThat(write(pushed)).isEqualTo(reference);
    }
}
