package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.monitoring.v3.Aggregation;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.ListTimeSeriesRequest.TimeSeriesView;
import com.google.monitoring.v3.ListTimeSeriesResponse;
import com.google.monitoring.v3.ProjectName;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.util.Durations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading back: filters, interval, views, paging, projects, and the bound on stored points. */
class ListTimeSeriesTest extends EmulatorTestSupport {
    private static final String TYPE = "custom.googleapis.com/queue_length";

    @Test
    void theFilterSelectsByMetricAndResourceLabels() {
        write(on("cron", "a", 1), on("cron", "b", 2), on("web", "a", 3));

        assertThat(list("metric.type = \"" + TYPE + "\" AND metric.labels.queue = \"a\"")).hasSize(2);
        assertThat(list("metric.type = \"" + TYPE + "\" AND resource.labels.job = \"cron\" AND metric.label.queue = 'b'"))
                .singleElement().satisfies(s -> assertThat(valueOf(s)).isEqualTo(2));
        assertThat(list("metric.type = \"" + TYPE + "\" AND resource.type = \"global\"")).isEmpty();
        assertThat(list("metric.type = starts_with(\"custom.googleapis.com/queue\")")).hasSize(3);
    }

    @Test
    void aFilterWithoutMetricTypeIsRejected() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> list("resource.type = \"global\""));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("the filter must name a metric type");
    }

    @Test
    void anUnparsableFilterIsRejected() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> list("metric.type > \"x\""));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
    }

    @Test
    void onlyPointsInTheIntervalAreReturnedNewestFirst() {
        for (int i = 0; i < 5; i++) {
            write(gauge(TYPE, i, NOW.plusSeconds(60L * i)));
        }

        List<TimeSeries> read = read(TYPE, NOW.plusSeconds(60), NOW.plusSeconds(180));

        assertThat(read.get(0).getPointsList()).extracting(p -> p.getValue().getDoubleValue()).containsExactly(3.0, 2.0, 1.0);
    }

    @Test
    void anIntervalWithoutStartIsThePointInTimeOfItsEnd() {
        write(gauge(TYPE, 1, NOW));
        write(gauge(TYPE, 2, NOW.plusSeconds(60)));

        ListTimeSeriesResponse response = client.listTimeSeriesCallable().call(request(TimeSeriesView.FULL)
                .setInterval(TimeInterval.newBuilder().setEndTime(ts(NOW))).build());

        assertThat(response.getTimeSeries(0).getPointsList()).singleElement()
                .satisfies(p -> assertThat(p.getValue().getDoubleValue()).isEqualTo(1.0));
    }

    @Test
    void theHeadersViewReturnsSeriesWithoutPoints() {
        write(on("cron", "a", 1), on("cron", "b", 2));

        ListTimeSeriesResponse response = client.listTimeSeriesCallable().call(request(TimeSeriesView.HEADERS).build());

        assertThat(response.getTimeSeriesList()).hasSize(2).allSatisfy(s -> assertThat(s.getPointsCount()).isZero());
    }

    @Test
    void resultsArePagedAndTheClientFollowsThePages() {
        List<TimeSeries> series = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            series.add(gauge(metric(TYPE, "n", Integer.toString(i)), i, NOW));
        }
        write(series.toArray(TimeSeries[]::new));

        ListTimeSeriesResponse first = client.listTimeSeriesCallable().call(request(TimeSeriesView.FULL).setPageSize(10).build());
        List<TimeSeries> all = new ArrayList<>();
        client.listTimeSeries(request(TimeSeriesView.FULL).setPageSize(10).build()).iterateAll().forEach(all::add);

        assertThat(first.getTimeSeriesList()).hasSize(10);
        assertThat(first.getNextPageToken()).isNotEmpty();
        assertThat(all).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void projectsAreIndependent() {
        write(gauge(TYPE, 1, NOW));
        ProjectName mine = project;
        project = ProjectName.of(mine.getProject() + "-other");

        assertThat(read(TYPE)).isEmpty();
        project = mine;
        assertThat(read(TYPE)).hasSize(1);
    }

    @Test
    void aSeriesKeepsOnlyItsNewestPoints() {
        try (MetricServiceEmulator small = MetricServiceEmulator.builder().clock(clock).maxPointsPerSeries(3).start();
                var smallClient = clientFor(small.port())) {
            for (int i = 0; i < 5; i++) {
                smallClient.createTimeSeries(project, List.of(gauge(TYPE, i, NOW.plusSeconds(10L * i))));
            }

            ListTimeSeriesResponse response = smallClient.listTimeSeriesCallable().call(request(TimeSeriesView.FULL).build());

            assertThat(response.getTimeSeries(0).getPointsList()).extracting(p -> p.getValue().getDoubleValue())
                    .containsExactly(4.0, 3.0, 2.0);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void alignmentOtherThanAlignNoneIsNotImplemented() {
        write(gauge(TYPE, 1, NOW));

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.listTimeSeriesCallable().call(
                request(TimeSeriesView.FULL).setAggregation(Aggregation.newBuilder()
                        .setPerSeriesAligner(Aggregation.Aligner.ALIGN_MEAN).setAlignmentPeriod(Durations.fromSeconds(60)))
                        .build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.UNIMPLEMENTED);
    }

    @Test
    void alignNoneIsAccepted() {
        write(gauge(TYPE, 1, NOW));

        ListTimeSeriesResponse response = client.listTimeSeriesCallable().call(request(TimeSeriesView.FULL)
                .setAggregation(Aggregation.newBuilder().setPerSeriesAligner(Aggregation.Aligner.ALIGN_NONE)).build());

        assertThat(response.getTimeSeriesList()).hasSize(1);
    }

    private List<TimeSeries> list(String filter) {
        List<TimeSeries> found = new ArrayList<>();
        client.listTimeSeries(request(TimeSeriesView.FULL).setFilter(filter).build()).iterateAll().forEach(found::add);
        return found;
    }

    private ListTimeSeriesRequest.Builder request(TimeSeriesView view) {
        return ListTimeSeriesRequest.newBuilder().setName(project.toString()).setFilter("metric.type = \"" + TYPE + "\"")
                .setInterval(TimeInterval.newBuilder().setStartTime(ts(NOW.minusSeconds(3600)))
                        .setEndTime(ts(NOW.plusSeconds(3600))))
                .setView(view);
    }

    private static TimeSeries on(String job, String queue, double value) {
        return gauge(metric(TYPE, "queue", queue), value, NOW).toBuilder().setResource(genericTask(job, "0")).build();
    }
}
