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

class OpenMetricsWriterTest {

    private static String write(List<MetricFamily> families) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OpenMetricsWriter().write(families, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String roundTrip(String body) throws IOException {
        return write(new OpenMetricsParser().parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void counterFamilyIsNamedWithoutTotalAndCreatedIsWritten() throws IOException {
        MetricFamily f = new MetricFamily("c_total", "Jobs \"run\".", MetricType.COUNTER,
                List.of(Metric.ofValue(Labels.of("k", "v"), 3).withCreated(1700000000.5)));
        assertThat(write(List.of(f))).isEqualTo("# HELP c Jobs \\\"run\\\".\n# TYPE c counter\n"
                + "c_total{k=\"v\"} 3.0\nc_created{k=\"v\"} 1.7000000005e+09\n# EOF\n");
    }

    @Test
    void counterWithoutTotalSuffixIsUnknown() throws IOException {
        assertThat(write(List.of(new MetricFamily("requests", "", MetricType.COUNTER, List.of(Metric.ofValue(Labels.EMPTY, 1))))))
                .isEqualTo("# TYPE requests unknown\nrequests 1.0\n# EOF\n");
    }

    @Test
    void emptyExpositionIsJustEof() throws IOException {
        assertThat(write(List.of())).isEqualTo("# EOF\n");
    }

    @Test
    void timestampsAreSecondsAndCountsIntegers() throws IOException {
        MetricFamily h = new MetricFamily("h", "", MetricType.HISTOGRAM, List.of(Metric.ofHistogram(Labels.EMPTY, 3, 0.5,
                new double[] {0.25}, new double[] {1}).withTimestamp(1500)));
        assertThat(write(List.of(h))).isEqualTo("# TYPE h histogram\nh_bucket{le=\"0.25\"} 1 1.5\nh_bucket{le=\"+Inf\"} 3 1.5\n"
                + "h_sum 0.5 1.5\nh_count 3 1.5\n# EOF\n");
    }

    @Test
    void openMetricsRoundTripIsStable() throws IOException {
        String body = "# HELP c Total.\n# TYPE c counter\nc_total{a=\"1\"} 10.0\nc_created{a=\"1\"} 1.5e+09\n"
                + "# TYPE d_seconds gauge\n# UNIT d_seconds seconds\nd_seconds 0.25\n"
                + "# TYPE g gaugehistogram\ng_bucket{le=\"1.0\"} 1\ng_bucket{le=\"+Inf\"} 2\ng_gsum 3.0\ng_gcount 2\n"
                + "# TYPE s summary\ns{quantile=\"0.5\"} 1.0\ns_sum 5.0\ns_count 3\ns_created 7.0\n"
                + "# TYPE build_info gauge\nbuild_info{v=\"1\"} 1.0\n"
                + "# TYPE u unknown\nu NaN 1700000000.05\n# EOF\n";
        assertThat(roundTrip(body)).isEqualTo(body);
    }

    @Test
    void timestampsArePlainDecimalSeconds() throws IOException {
        assertThat(roundTrip("a 1 1700000000.123\nb 1 1700000000\nc 1 0.01\n# EOF\n"))
                .isEqualTo("# TYPE a unknown\na 1.0 1700000000.123\n# TYPE b unknown\nb 1.0 1700000000\n"
                        + "# TYPE c unknown\nc 1.0 0.01\n# EOF\n");
    }

    @Test
    void infoAndStatesetAreWrittenAsGauges() throws IOException {
        assertThat(roundTrip("# TYPE b info\nb_info{v=\"1\"} 1\n# TYPE s stateset\ns{s=\"a\"} 1\n# EOF\n"))
                .isEqualTo("# TYPE b_info gauge\nb_info{v=\"1\"} 1.0\n# TYPE s gauge\ns{s=\"a\"} 1.0\n# EOF\n");
    }
}
