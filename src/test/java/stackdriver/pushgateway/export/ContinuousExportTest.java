package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.monitoring.v3.Point;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.PushRequest;

/** Export is continuous, like a scrape: what is stored is written every interval, until it is deleted. */
class ContinuousExportTest extends ExportTestSupport {
    private static final String COUNTER = "prometheus.googleapis.com/runs_total/counter";

    @Test
    void groupPushedOnceIsWrittenEveryInterval() throws Exception {
        Instant pushed = now();
        push("# TYPE runs_total counter\nruns_total 5\n");
        exportAfterAMinute();
        Instant first = now();
        exportAfterAMinute();
        exportAfterAMinute();

        List<Point> points = readOne(COUNTER).getPointsList();
        assertThat(points).hasSize(3);
        assertThat(points).allSatisfy(point -> {
            assertThat(point.getValue().getDoubleValue()).isEqualTo(5);
            assertThat(instant(point.getInterval().getStartTime())).isEqualTo(pushed);
        });
        assertThat(instant(points.get(0).getInterval().getEndTime())).isEqualTo(now());
        assertThat(instant(points.get(2).getInterval().getEndTime())).isEqualTo(first);
    }

    @Test
    void counterThatGoesDownStartsANewCumulativePeriodAfterThePreviousPoint() throws Exception {
        push("# TYPE runs_total counter\nruns_total 5\n");
        exportAfterAMinute();
        Instant previousEnd = now();
        push("# TYPE runs_total counter\nruns_total 2\n");
        exportAfterAMinute();

        List<Point> points = readOne(COUNTER).getPointsList();
        assertThat(points).hasSize(2);
        Point afterReset = points.get(0);
        assertThat(afterReset.getValue().getDoubleValue()).isEqualTo(2);
        assertThat(instant(afterReset.getInterval().getStartTime())).isAfter(previousEnd)
                .isBefore(instant(afterReset.getInterval().getEndTime()));
    }

    @Test
    void familyPushedAgainIsWrittenWithItsNewValueAndTheOthersKeepTheirs() throws Exception {
        push("# TYPE runs_total counter\nruns_total 5\n# TYPE queue_length gauge\nqueue_length 1\n");
        exportAfterAMinute();
        push("POST", "/metrics/job/" + job, "# TYPE queue_length gauge\nqueue_length 7\n");
        exportAfterAMinute();

        assertThat(readOne("prometheus.googleapis.com/queue_length/gauge").getPointsList())
                .extracting(p -> p.getValue().getDoubleValue()).containsExactly(7.0, 1.0);
        assertThat(readOne(COUNTER).getPointsList())
                .extracting(p -> p.getValue().getDoubleValue()).containsExactly(5.0, 5.0);
    }

    @Test
    void counterThatGoesUpKeepsItsStart() throws Exception {
        Instant pushed = now();
        push("# TYPE runs_total counter\nruns_total 5\n");
        exportAfterAMinute();
        push("# TYPE runs_total counter\nruns_total 9\n");
        exportAfterAMinute();

        List<Point> points = readOne(COUNTER).getPointsList();
        assertThat(points).extracting(p -> p.getValue().getDoubleValue()).containsExactly(9.0, 5.0);
        assertThat(points).extracting(p -> instant(p.getInterval().getStartTime())).containsOnly(pushed);
    }

    @Test
    void deletedGroupStopsBeingWritten() throws Exception {
        push("# TYPE runs_total counter\nruns_total 5\n");
        exportAfterAMinute();
        Instant lastEnd = now();
        push("DELETE", "/metrics/job/" + job, null);
        exportAfterAMinute();
        exportAfterAMinute();

        List<Point> points = readOne(COUNTER).getPointsList();
        assertThat(points).hasSize(1);
        assertThat(instant(points.get(0).getInterval().getEndTime())).isEqualTo(lastEnd);
    }

    @Test
    void tenThousandSeriesInOneGroupAreWrittenInRequestsTheApiAccepts() throws Exception {
        List<Metric> metrics = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            metrics.add(Metric.ofValue(Labels.of("shard", Integer.toString(i)), i));
        }
        gateway.gateway().store().apply(new PushRequest(PushRequest.Method.PUT, GroupingKey.of("job", job),
                List.of(new MetricFamily("shard_items", "Items per shard.", MetricType.GAUGE, metrics))));
        long callsBefore = emulator().createTimeSeriesCalls();
        long rejectedBefore = emulator().rejectedTimeSeries();
        long pointsBefore = emulator().writtenPoints();

        ExportCycle.Report report = exportAfterAMinute();

        assertThat(report.notWritten()).isEmpty();
        assertThat(report.written()).isEqualTo(10_002);
        assertThat(emulator().rejectedTimeSeries()).isEqualTo(rejectedBefore);
        assertThat(emulator().writtenPoints() - pointsBefore).isEqualTo(10_002);
        assertThat(emulator().createTimeSeriesCalls() - callsBefore).isEqualTo(10_002 / 200 + 1);
        assertThat(read("prometheus.googleapis.com/shard_items/gauge", jobFilter() + " AND metric.labels.shard = \"9999\""))
                .singleElement().satisfies(series -> assertThat(series.getPoints(0).getValue().getDoubleValue())
                        .isEqualTo(9999));
    }

    @Test
    void twoGroupsWrittenAsOneSeriesWriteTheFirstAndReportTheOtherUntilPushedAgainAlone() throws Exception {
        // the groups are in label order: {env, instance, job} comes before {instance, job}
        push("PUT", "/metrics/job/" + job + "/instance/i/env/prod", "# TYPE depth gauge\ndepth 1\n");
        push("PUT", "/metrics/job/" + job + "/instance/i", "# TYPE depth gauge\ndepth{env=\"prod\"} 2\n");

        ExportCycle.Report first = exportAfterAMinute();
        ExportCycle.Report second = exportAfterAMinute();
        gateway.send("DELETE", "/metrics/job/" + job + "/instance/i/env/prod", "");
        push("PUT", "/metrics/job/" + job + "/instance/i", "# TYPE depth gauge\ndepth{env=\"prod\"} 3\n");
        ExportCycle.Report third = exportAfterAMinute();

        for (ExportCycle.Report report : List.of(first, second)) {
            assertThat(report.notWritten()).singleElement().satisfies(rejection -> {
                assertThat(rejection.cause()).isEqualTo("duplicate_series");
                assertThat(rejection.group().labels().get("env")).isNull();
            });
        }
        assertThat(third.notWritten()).isEmpty();
        assertThat(readOne("prometheus.googleapis.com/depth/gauge").getPointsList())
                .extracting(p -> p.getValue().getDoubleValue()).containsExactly(3.0, 1.0, 1.0);
    }

    @Test
    void seriesWithTooManyLabelsIsReportedWithTheReasonAndTheRestIsWritten() throws Exception {
        // more than the push limit allows by default: a gateway configured with a higher limit
        java.util.Map<String, String> labels = new java.util.TreeMap<>();
        for (int i = 0; i < 101; i++) {
            labels.put("l" + i, "v");
        }
        gateway.gateway().store().apply(new PushRequest(PushRequest.Method.PUT, GroupingKey.of("job", job), List.of(
                new MetricFamily("wide", "", MetricType.GAUGE, List.of(Metric.ofValue(Labels.of(labels), 1))),
                new MetricFamily("narrow", "", MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, 1))))));
        ExportCycle.Report report = exportAfterAMinute();

        assertThat(report.notWritten()).singleElement().satisfies(rejection -> {
            assertThat(rejection.cause()).isEqualTo("too_many_labels");
            assertThat(rejection.reason()).contains("101 metric labels");
        });
        assertThat(read("prometheus.googleapis.com/wide/gauge")).isEmpty();
        assertThat(read("prometheus.googleapis.com/narrow/gauge")).hasSize(1);
        JsonNode status = groupJson().get("export_status");
        assertThat(status.get("series_failed").asInt()).isEqualTo(1);
        assertThat(status.get("errors").get(0).asText()).contains("wide").contains("101 metric labels");
    }

    @Test
    void apiMetricsShowsTheExportStatusOfEachGroup() throws Exception {
        push("# TYPE done gauge\ndone 1\n");
        exportAfterAMinute();

        JsonNode status = groupJson().get("export_status");
        assertThat(status.get("last_export").asText()).isEqualTo(now().toString());
        assertThat(status.get("last_successful_export").asText()).isEqualTo(now().toString());
        assertThat(status.get("series_written").asInt()).isEqualTo(3);
        assertThat(status.get("series_failed").asInt()).isZero();
    }

    @Test
    void groupsWrittenInOneRequestAreEachCreditedWithTheirOwnSeries() throws Exception {
        push("# TYPE done gauge\ndone 1\n");
        push("PUT", "/metrics/job/" + job + "-second", "# TYPE done gauge\ndone 1\nother 2\nthird 3\n");
        exportAfterAMinute();

        assertThat(groupJson().get("export_status").get("series_written").asInt()).isEqualTo(3);
        // an untyped sample is written as a gauge and as a counter (:unknown, :unknown:counter), both groups add
        // their push_time_seconds and push_failure_time_seconds
        assertThat(groupJson(job + "-second").get("export_status").get("series_written").asInt()).isEqualTo(7);
    }

    @Test
    void metricsPageShowsTheExportsOwnMetrics() throws Exception {
        push("# TYPE done gauge\ndone 1\n");
        exportAfterAMinute();

        String page = gateway.metricsPage();
        assertThat(page).contains("stackdriver_pushgateway_export_series_total ")
                .contains("stackdriver_pushgateway_export_requests_total{code=\"OK\"} ")
                .contains("stackdriver_pushgateway_export_last_success_timestamp_seconds " )
                .contains("stackdriver_pushgateway_export_duration_seconds ");
        assertThat(gateway.gateway().export().metrics().lastSuccess()).isEqualTo(now());
    }

    private JsonNode groupJson() throws Exception {
        return groupJson(job);
    }

    private JsonNode groupJson(String jobLabel) throws Exception {
        JsonNode data = new ObjectMapper().readTree(gateway.send("GET", "/api/v1/metrics", null).body()).get("data");
        for (JsonNode group : data) {
            if (jobLabel.equals(group.get("labels").get("job").asText())) {
                return group;
            }
        }
        throw new AssertionError("no group of job " + job);
    }
}
