package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpositionFormatTest {

    @Test
    void noAcceptHeaderIsText() {
        assertThat(ExpositionFormat.negotiate(null)).isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.negotiate("*/*")).isEqualTo(ExpositionFormat.TEXT);
    }

    @Test
    void prometheusProtobufAcceptHeaderGetsDelimitedProtobuf() {
        assertThat(ExpositionFormat.negotiate("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3,*/*;q=0.1"))
                .isEqualTo(ExpositionFormat.PROTOBUF_DELIMITED);
    }

    @Test
    void openMetricsAcceptHeaderGetsOpenMetrics() {
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"))
                .isEqualTo(ExpositionFormat.OPENMETRICS);
    }

    @Test
    void higherQualityWins() {
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;q=0.2,text/plain;version=0.0.4;q=0.9"))
                .isEqualTo(ExpositionFormat.TEXT);
    }

    @Test
    void unsupportedVersionsAreSkipped() {
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;version=2.0.0")).isEqualTo(ExpositionFormat.TEXT);
    }

    @Test
    void contentTypesAsGoPrintsThem() {
        assertThat(ExpositionFormat.TEXT.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(ExpositionFormat.OPENMETRICS.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(ExpositionFormat.PROTOBUF_DELIMITED.contentType())
                .isEqualTo("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
    }
}
