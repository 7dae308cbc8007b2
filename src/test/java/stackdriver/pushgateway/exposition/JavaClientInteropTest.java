package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/** What the Prometheus Java client (the library its Pushgateway exporter uses) sends, in each of its formats. */
class JavaClientInteropTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();

    @BeforeEach
    void registerMetrics() {
        Counter.builder().name("jobs_total").help("Jobs run.").labelNames("kind").register(registry)
                .labelValues("cron").inc(3);
        Gauge.builder().name("temperature_celsius").help("Heat.").unit(io.prometheus.metrics.model.snapshots.Unit.CELSIUS)
                .register(registry).set(21.5);
        Histogram histogram = Histogram.builder().name("latency_seconds").help("Latency.").classicUpperBounds(0.1, 1)
                .register(registry);
        histogram.observe(0.05);
        histogram.observe(0.5);
        histogram.observe(5);
        Summary.builder().name("size_bytes").help("Size.").quantile(0.5, 0.01).register(registry).observe(10);
        Info.builder().name("build_info").help("Build.").labelNames("version").register(registry).setLabelValues("1.0");
    }

    private Map<String, MetricFamily> pushedAs(ExpositionFormatWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        List<MetricFamily> families = new PushBodyParser().parse(out.toByteArray(), writer.getContentType());
        return families.stream().collect(Collectors.toMap(MetricFamily::name, Function.identity()));
    }

    @Test
    void textFormat() throws IOException {
        Map<String, MetricFamily> families = pushedAs(PrometheusTextFormatWriter.create());
        assertCommonContent(families);
    }

    @Test
    void openMetricsWithCreatedTimestamps() throws IOException {
        Map<String, MetricFamily> families = pushedAs(OpenMetricsTextFormatWriter.builder()
                .setCreatedTimestampsEnabled(true).setExemplarsOnAllMetricTypesEnabled(true).build());
        assertCommonContent(families);
        assertThat(families.get("jobs_total").metrics().get(0).createdSeconds()).isPositive();
        assertThat(families.get("temperature_celsius").unit()).isEqualTo("celsius");
    }

    @Test
    void protobuf() throws IOException {
        Map<String, MetricFamily> families = pushedAs(new PrometheusProtobufWriter());
        assertCommonContent(families);
        assertThat(families.get("jobs_total").metrics().get(0).createdSeconds()).isPositive();
    }

    private static void assertCommonContent(Map<String, MetricFamily> families) {
        MetricFamily jobs = families.get("jobs_total");
        assertThat(jobs.type()).isEqualTo(MetricType.COUNTER);
        assertThat(jobs.help()).isEqualTo("Jobs run.");
        assertThat(jobs.metrics().get(0).labels()).isEqualTo(Labels.of("kind", "cron"));
        assertThat(jobs.metrics().get(0).value()).isEqualTo(3);

        assertThat(families.get("temperature_celsius").metrics().get(0).value()).isEqualTo(21.5);

        MetricFamily latency = families.get("latency_seconds");
        assertThat(latency.type()).isEqualTo(MetricType.HISTOGRAM);
        Metric h = latency.metrics().get(0);
        assertThat(h.bucketBounds()).containsExactly(0.1, 1, Double.POSITIVE_INFINITY);
        assertThat(h.bucketCounts()).containsExactly(1, 2, 3);
        assertThat(h.count()).isEqualTo(3);
        assertThat(h.sum()).isEqualTo(5.55);
        assertThat(h.labels()).isEqualTo(Labels.EMPTY);

        Metric s = families.get("size_bytes").metrics().get(0);
        assertThat(families.get("size_bytes").type()).isEqualTo(MetricType.SUMMARY);
        assertThat(s.quantiles()).containsExactly(0.5);
        assertThat(s.count()).isEqualTo(1);

        MetricFamily info = families.get("build_info");
        assertThat(info.type()).isIn(MetricType.GAUGE);
        assertThat(info.metrics().get(0)).isEqualTo(Metric.ofValue(Labels.of("version", "1.0"), 1));
    }
}
