package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.api.Distribution;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.monitoring.v3.TimeSeries;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A native-only histogram pushed by the Prometheus Java client in protobuf, read back field for field from
 * {@code GET /metrics} and as an exponential distribution from Cloud Monitoring (the emulator) with Google's client.
 */
class NativeHistogramEndToEndTest extends ExportTestSupport {
    private static final String PROTOBUF =
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    private Metrics.MetricFamily pushNativeOnlyHistogram() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Histogram histogram = Histogram.builder().name("rpc_duration_seconds").help("RPC duration.").nativeOnly()
                .register(registry);
        for (double v : new double[] {0, 0.003, 0.2, 0.21, 0.5, 1.5, 1.6, 40, -0.7}) {
            histogram.observe(v);
        }
        PushGateway.builder().address("127.0.0.1:" + gateway.port()).job(job).format(Format.PROMETHEUS_PROTOBUF)
                .registry(registry).build().push();
        return sentByTheClient(registry);
    }

    /** What the client's exporter sends: its protobuf writer's output for the registry. */
    private static Metrics.MetricFamily sentByTheClient(PrometheusRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusProtobufWriter().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        return family(parse(new ByteArrayInputStream(out.toByteArray())), "rpc_duration_seconds");
    }

    private static List<Metrics.MetricFamily> parse(InputStream in) throws Exception {
        List<Metrics.MetricFamily> families = new ArrayList<>();
        for (Metrics.MetricFamily f; (f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null; ) {
            families.add(f);
        }
        return families;
    }

    private static Metrics.MetricFamily family(List<Metrics.MetricFamily> families, String name) {
        return families.stream().filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void getMetricsInProtobufReExposesTheHistogramFieldForField() throws Exception {
        Metrics.MetricFamily sent = pushNativeOnlyHistogram();
        Metrics.Histogram sentHistogram = sent.getMetric(0).getHistogram();
        assertThat(sentHistogram.getBucketCount()).as("native only: no classic bucket").isZero();
        assertThat(sentHistogram.getPositiveSpanCount()).isPositive();

        HttpResponse<InputStream> response = java.net.http.HttpClient.newHttpClient().send(gateway.request("/metrics")
                .header("Accept", PROTOBUF).GET().build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        Metrics.MetricFamily back = family(parse(response.body()), "rpc_duration_seconds");
        assertThat(back.getType()).isEqualTo(Metrics.MetricType.HISTOGRAM);
        assertThat(back.getHelp()).isEqualTo(sent.getHelp());
        assertThat(back.getMetricCount()).isOne();
        assertThat(back.getMetric(0).getHistogram()).isEqualTo(sentHistogram);
        assertThat(back.getMetric(0).getLabelList()).extracting(Metrics.LabelPair::getName, Metrics.LabelPair::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("job", job));
    }

    @Test
    void cloudMonitoringReceivesAnExponentialDistribution() throws Exception {
        Metrics.Histogram sent = pushNativeOnlyHistogram().getMetric(0).getHistogram();
        exportAfterAMinute();

        TimeSeries series = readOne("prometheus.googleapis.com/rpc_duration_seconds/histogram");

        assertThat(series.getMetricKind()).isEqualTo(MetricKind.CUMULATIVE);
        Distribution d = series.getPoints(0).getValue().getDistributionValue();
        Distribution.BucketOptions.Exponential exponential = d.getBucketOptions().getExponentialBuckets();
        // 0.003 to 40 is about 440 buckets at the client's schema 5: written two schemas coarser, within the 200
        assertThat(sent.getSchema()).isEqualTo(5);
        assertThat(exponential.getGrowthFactor()).isCloseTo(Math.pow(2, Math.pow(2, -3)), within(1e-12));
        assertThat(exponential.getNumFiniteBuckets()).isBetween(100, 198);
        assertThat(d.getCount()).isEqualTo(sent.getSampleCount()).isEqualTo(9);
        assertThat(d.getMean()).isCloseTo(sent.getSampleSum() / 9, within(1e-9));
        assertThat(d.getBucketCountsCount()).isEqualTo(exponential.getNumFiniteBuckets() + 2);
        // the zero bucket (0) and the negative observation (-0.7) are the underflow
        assertThat(d.getBucketCounts(0)).isEqualTo(sent.getZeroCount() + 1).isEqualTo(2);
        // the scale is the lower bound of the first positive bucket, holding 0.003
        assertThat(exponential.getScale()).isLessThan(0.003);
        assertThat(exponential.getScale() * exponential.getGrowthFactor()).isGreaterThanOrEqualTo(0.003);
        // the overflow bucket is empty: the last finite bucket holds 40
        assertThat(d.getBucketCounts(d.getBucketCountsCount() - 1)).isZero();
        double lastUpper = exponential.getScale() * Math.pow(exponential.getGrowthFactor(), exponential.getNumFiniteBuckets());
        assertThat(lastUpper).isGreaterThanOrEqualTo(40).isLessThan(40 * exponential.getGrowthFactor());
    }
}
