package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.MetricType;

class PushBodyParserTest {
    private static final String PROTOBUF =
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    @Test
    void delimitedProtobufContentTypeInAnyParameterOrderAndNameCase() {
        assertThat(PushBodyParser.formatOf(PROTOBUF)).isEqualTo(ExpositionFormat.PROTOBUF_DELIMITED);
        assertThat(PushBodyParser.formatOf("application/vnd.google.protobuf;encoding=delimited;proto=io.prometheus.client.MetricFamily"))
                .isEqualTo(ExpositionFormat.PROTOBUF_DELIMITED);
        assertThat(PushBodyParser.formatOf("Application/Vnd.Google.Protobuf; PROTO=\"io.prometheus.client.MetricFamily\" ; Encoding=delimited"))
                .isEqualTo(ExpositionFormat.PROTOBUF_DELIMITED);
    }

    @Test
    void protobufParameterValuesAreCaseSensitiveAsInGo() {
        assertThat(PushBodyParser.formatOf("application/vnd.google.protobuf; proto=io.prometheus.client.metricfamily; encoding=delimited"))
                .isEqualTo(ExpositionFormat.TEXT);
        assertThat(PushBodyParser.formatOf("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily"))
                .isEqualTo(ExpositionFormat.TEXT);
    }

    @Test
    void openMetricsContentType() {
        assertThat(PushBodyParser.formatOf("application/openmetrics-text; version=1.0.0; charset=utf-8"))
                .isEqualTo(ExpositionFormat.OPENMETRICS);
    }

    @Test
    void anyOtherContentTypeIsText() {
        assertThat(PushBodyParser.formatOf("application/x-www-form-urlencoded")).isEqualTo(ExpositionFormat.TEXT);
        assertThat(PushBodyParser.formatOf(null)).isEqualTo(ExpositionFormat.TEXT);
        assertThat(PushBodyParser.formatOf("garbage;;=")).isEqualTo(ExpositionFormat.TEXT);
        assertThat(PushBodyParser.formatOf("application/json")).isEqualTo(ExpositionFormat.TEXT);
    }

    @Test
    void curlBodyIsReadAsText() {
        assertThat(new PushBodyParser().parse("my_metric 99\n".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
                .get(0).type()).isEqualTo(MetricType.UNTYPED);
    }

    @Test
    void openMetricsBodyGetsItsCounterRight() {
        byte[] body = "# TYPE c counter\nc_total 1\n# EOF\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new PushBodyParser().parse(body, "application/openmetrics-text").get(0).type()).isEqualTo(MetricType.COUNTER);
    }

    @Test
    void bodyCanBeReadFromAStream() {
        java.io.InputStream body = new java.io.ByteArrayInputStream("a 1\nb 2".getBytes(StandardCharsets.UTF_8));
        assertThat(new PushBodyParser().parse(body, null)).hasSize(2);
    }
}
