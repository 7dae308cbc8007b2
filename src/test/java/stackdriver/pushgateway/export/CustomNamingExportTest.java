package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.MetricDescriptor;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MetricDescriptor.ValueType;
import com.google.monitoring.v3.TimeSeries;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gateway.naming=custom}: custom.googleapis.com metrics on the global resource, descriptors with HELP and units. */
class CustomNamingExportTest extends ExportTestSupport {
    private static final String BASE = "custom.googleapis.com/pushgateway/";

    @Override
    String[] settings() {
        return new String[] {"gateway.naming", "custom"};
    }

    @Override
    String jobFilter() {
        return "metric.labels.job = \"" + job + "\"";
    }

    @Test
    void counterIsCumulativeOnTheGlobalResourceWithJobAndInstanceAsLabels() throws Exception {
        push("PUT", "/metrics/job/" + job + "/instance/i1", "# TYPE orders_total counter\norders_total{shop=\"x\"} 4\n");
        exportAfterAMinute();

        TimeSeries series = readOne(BASE + "orders_total");
        assertThat(series.getMetricKind()).isEqualTo(MetricKind.CUMULATIVE);
        assertThat(series.getValueType()).isEqualTo(ValueType.DOUBLE);
        assertThat(series.getMetric().getLabelsMap()).isEqualTo(Map.of("job", job, "instance", "i1", "shop", "x"));
        assertThat(series.getResource().getType()).isEqualTo("global");
        assertThat(series.getResource().getLabelsMap()).isEqualTo(Map.of("project_id", "local-project"));
        assertThat(series.getPoints(0).getValue().getDoubleValue()).isEqualTo(4);
    }

    @Test
    void descriptorCarriesHelpAndUnit() throws Exception {
        push("# HELP backup_duration_seconds How long the nightly backup took.\n"
                + "# TYPE backup_duration_seconds gauge\nbackup_duration_seconds 93\n");
        exportAfterAMinute();

        MetricDescriptor descriptor = client.getMetricDescriptor(
                "projects/local-project/metricDescriptors/" + BASE + "backup_duration_seconds");
        assertThat(descriptor.getDescription()).isEqualTo("How long the nightly backup took.");
        assertThat(descriptor.getUnit()).isEqualTo("s");
        assertThat(descriptor.getMetricKind()).isEqualTo(MetricKind.GAUGE);
        assertThat(readOne(BASE + "backup_duration_seconds").getPoints(0).getValue().getDoubleValue()).isEqualTo(93);
    }

    @Test
    void histogramIsADistributionAndSummaryHasSumAndCountMetrics() throws Exception {
        push("""
                # TYPE size_bytes histogram
                size_bytes_bucket{le="100"} 1
                size_bytes_bucket{le="+Inf"} 3
                size_bytes_sum 700
                size_bytes_count 3
                # TYPE rpc_seconds summary
                rpc_seconds{quantile="0.5"} 0.2
                rpc_seconds_sum 4
                rpc_seconds_count 10
                """);
        exportAfterAMinute();

        TimeSeries histogram = readOne(BASE + "size_bytes");
        assertThat(histogram.getValueType()).isEqualTo(ValueType.DISTRIBUTION);
        assertThat(histogram.getPoints(0).getValue().getDistributionValue().getBucketCountsList()).containsExactly(1L, 2L);
        assertThat(readOne(BASE + "rpc_seconds").getMetric().getLabelsMap()).containsEntry("quantile", "0.5");
        assertThat(readOne(BASE + "rpc_seconds_sum").getMetricKind()).isEqualTo(MetricKind.CUMULATIVE);
        assertThat(readOne(BASE + "rpc_seconds_count").getPoints(0).getValue().getDoubleValue()).isEqualTo(10);
    }

    @Test
    void untypedIsOnlyAGauge() throws Exception {
        push("queue_length 12\n");
        exportAfterAMinute();

        assertThat(readOne(BASE + "queue_length").getMetricKind()).isEqualTo(MetricKind.GAUGE);
    }
}
