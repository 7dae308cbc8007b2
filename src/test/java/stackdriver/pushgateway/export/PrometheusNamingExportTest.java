package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.api.Distribution;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MetricDescriptor.ValueType;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeSeries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pushed over HTTP, read back from Cloud Monitoring (the emulator) as Managed Service for Prometheus names them. */
class PrometheusNamingExportTest extends ExportTestSupport {
    private static final String DOMAIN = "prometheus.googleapis.com/";

    @Test
    void counterPushedOnceAppearsWithItsPushedValueFromThePushTime() throws Exception {
        Instant pushed = now();
        push("# TYPE requests_total counter\nrequests_total{path=\"/a\"} 7\n");
        exportAfterAMinute();

        TimeSeries series = readOne(DOMAIN + "requests_total/counter");
        assertThat(series.getMetricKind()).isEqualTo(MetricKind.CUMULATIVE);
        assertThat(series.getValueType()).isEqualTo(ValueType.DOUBLE);
        assertThat(series.getMetric().getLabelsMap()).isEqualTo(Map.of("path", "/a"));
        assertThat(series.getResource().getType()).isEqualTo("prometheus_target");
        assertThat(series.getResource().getLabelsMap()).isEqualTo(Map.of("project_id", "local-project",
                "location", "us-central1", "cluster", "pushgateway", "namespace", "pushgateway", "job", job,
                "instance", ""));
        Point point = series.getPoints(0);
        assertThat(point.getValue().getDoubleValue()).isEqualTo(7);
        assertThat(instant(point.getInterval().getStartTime())).isEqualTo(pushed);
        assertThat(instant(point.getInterval().getEndTime())).isEqualTo(now());
    }

    @Test
    void aGroupWithoutInstanceIsSelectedByAnEmptyInstanceAsOnGmp() throws Exception {
        push("PUT", "/metrics/job/" + job, "# TYPE jobs_run gauge\njobs_run 3\n");
        push("PUT", "/metrics/job/" + job + "/instance/host1", "# TYPE jobs_run gauge\njobs_run 4\n");
        export();

        List<TimeSeries> empty = read(DOMAIN + "jobs_run/gauge", "resource.labels.instance = \"\"");
        assertThat(empty).hasSize(1);
        assertThat(empty.get(0).getPoints(0).getValue().getDoubleValue()).isEqualTo(3);
    }

    @Test
    void gaugeIsAGaugeWithTheInstanceOfTheGroupingKey() throws Exception {
        push("PUT", "/metrics/job/" + job + "/instance/host1", "# TYPE temperature gauge\ntemperature{room=\"a\"} 21.5\n");
        export();

        TimeSeries series = readOne(DOMAIN + "temperature/gauge");
        assertThat(series.getMetricKind()).isEqualTo(MetricKind.GAUGE);
        assertThat(series.getValueType()).isEqualTo(ValueType.DOUBLE);
        assertThat(series.getMetric().getLabelsMap()).isEqualTo(Map.of("room", "a"));
        assertThat(series.getResource().getLabelsMap()).containsEntry("instance", "host1").containsEntry("job", job);
        Point point = series.getPoints(0);
        assertThat(point.getValue().getDoubleValue()).isEqualTo(21.5);
        assertThat(instant(point.getInterval().getEndTime())).isEqualTo(now());
        assertThat(instant(point.getInterval().getStartTime())).isEqualTo(now());
    }

    @Test
    void untypedIsWrittenAsGaugeAndAsCounter() throws Exception {
        push("queue_length 12\n");
        exportAfterAMinute();

        TimeSeries gauge = readOne(DOMAIN + "queue_length/unknown");
        assertThat(gauge.getMetricKind()).isEqualTo(MetricKind.GAUGE);
        assertThat(gauge.getPoints(0).getValue().getDoubleValue()).isEqualTo(12);
        TimeSeries counter = readOne(DOMAIN + "queue_length/unknown:counter");
        assertThat(counter.getMetricKind()).isEqualTo(MetricKind.CUMULATIVE);
        assertThat(counter.getPoints(0).getValue().getDoubleValue()).isEqualTo(12);
    }

    @Test
    void histogramIsACumulativeDistributionWithDecumulatedBuckets() throws Exception {
        Instant pushed = now();
        push("""
                # TYPE latency_seconds histogram
                latency_seconds_bucket{le="0.1"} 2
                latency_seconds_bucket{le="0.5"} 5
                latency_seconds_bucket{le="1"} 9
                latency_seconds_bucket{le="+Inf"} 10
                latency_seconds_sum 6.5
                latency_seconds_count 10
                """);
        exportAfterAMinute();

        TimeSeries series = readOne(DOMAIN + "latency_seconds/histogram");
        assertThat(series.getMetricKind()).isEqualTo(MetricKind.CUMULATIVE);
        assertThat(series.getValueType()).isEqualTo(ValueType.DISTRIBUTION);
        Distribution distribution = series.getPoints(0).getValue().getDistributionValue();
        assertThat(distribution.getBucketOptions().getExplicitBuckets().getBoundsList()).containsExactly(0.1, 0.5, 1.0);
        assertThat(distribution.getBucketCountsList()).containsExactly(2L, 3L, 4L, 1L);
        assertThat(distribution.getCount()).isEqualTo(10);
        assertThat(distribution.getMean()).isCloseTo(0.65, within(1e-9));
        assertThat(distribution.getSumOfSquaredDeviation()).isZero();
        assertThat(instant(series.getPoints(0).getInterval().getStartTime())).isEqualTo(pushed);
    }

    @Test
    void summaryIsQuantileGaugesAndCumulativeSumAndCount() throws Exception {
        push("""
                # TYPE rpc_seconds summary
                rpc_seconds{quantile="0.5"} 0.2
                rpc_seconds{quantile="0.99"} 1.5
                rpc_seconds_sum 40
                rpc_seconds_count 100
                """);
        exportAfterAMinute();

        List<TimeSeries> quantiles = read(DOMAIN + "rpc_seconds/summary");
        assertThat(quantiles).allSatisfy(s -> assertThat(s.getMetricKind()).isEqualTo(MetricKind.GAUGE));
        assertThat(quantiles).extracting(s -> s.getMetric().getLabelsMap().get("quantile"),
                s -> s.getPoints(0).getValue().getDoubleValue())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("0.5", 0.2),
                        org.assertj.core.groups.Tuple.tuple("0.99", 1.5));
        TimeSeries sum = readOne(DOMAIN + "rpc_seconds_sum/summary:counter");
        assertThat(sum.getMetricKind()).isEqualTo(MetricKind.CUMULATIVE);
        assertThat(sum.getPoints(0).getValue().getDoubleValue()).isEqualTo(40);
        TimeSeries count = readOne(DOMAIN + "rpc_seconds_count/summary");
        assertThat(count.getMetricKind()).isEqualTo(MetricKind.CUMULATIVE);
        assertThat(count.getPoints(0).getValue().getDoubleValue()).isEqualTo(100);
    }

    @Test
    void openMetricsCreatedIsTheStartTime() throws Exception {
        push("application/openmetrics-text; version=1.0.0; charset=utf-8", "/metrics/job/" + job, "PUT", """
                # TYPE jobs counter
                jobs_total 3
                jobs_created 1748779200.5
                # EOF
                """);
        exportAfterAMinute();

        TimeSeries series = readOne(DOMAIN + "jobs_total/counter");
        assertThat(instant(series.getPoints(0).getInterval().getStartTime()))
                .isEqualTo(Instant.ofEpochSecond(1748779200L, 500_000_000));
        assertThat(series.getPoints(0).getValue().getDoubleValue()).isEqualTo(3);
    }

    @Test
    void pushTimeIsWrittenForEveryGroup() throws Exception {
        Instant pushed = now();
        push("# TYPE done gauge\ndone 1\n");
        exportAfterAMinute();

        TimeSeries pushTime = readOne(DOMAIN + "push_time_seconds/gauge");
        assertThat(pushTime.getPoints(0).getValue().getDoubleValue()).isEqualTo(pushed.toEpochMilli() / 1000.0);
        assertThat(readOne(DOMAIN + "push_failure_time_seconds/gauge").getPoints(0).getValue().getDoubleValue()).isZero();
    }
}
