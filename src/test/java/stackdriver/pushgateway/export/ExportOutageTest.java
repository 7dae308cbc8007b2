package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.monitoring.v3.Point;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.store.GroupingKey;

/**
 * Cloud Monitoring down: the gateway keeps serving, retries within the interval, and the first interval after
 * the outage writes again, with points that end then (never one older than the API accepts).
 */
class ExportOutageTest extends ExportTestSupport {

    @Override
    String[] settings() {
        // the shortest interval, so that an interval spent retrying ends soon
        return new String[] {"gateway.export.interval", "5s", "gateway.export.initial-backoff", "50ms",
                "gateway.export.max-backoff", "200ms"};
    }

    @BeforeAll
    void intervalsOnlyByHand() throws Exception {
        gateway.gateway().camelContext().getRouteController().stopRoute("export-timer");
    }

    @Test
    void outageLeavesTheGatewayHealthyAndTheNextIntervalWritesAgain() throws Exception {
        push("# TYPE runs_total counter\nruns_total 1\n");
        emulator().faults().failFor(Status.Code.UNAVAILABLE, Duration.ofMinutes(30));
        long retriesBefore = gateway.gateway().export().metrics().retries();

        ExportCycle.Report failed = exportAfterAMinute();

        assertThat(failed.written()).isZero();
        assertThat(failed.notWritten()).isNotEmpty().allSatisfy(r -> assertThat(r.cause()).isEqualTo("unavailable"));
        assertThat(gateway.gateway().export().metrics().retries()).isGreaterThan(retriesBefore);
        assertThat(gateway.send("GET", "/-/healthy", null).statusCode()).isEqualTo(200);
        push("# TYPE runs_total counter\nruns_total 2\n");
        assertThat(gateway.metricsPage()).contains("stackdriver_pushgateway_export_failures_total{reason=\"unavailable\"}");

        clock.advance(Duration.ofMinutes(30));
        ExportCycle.Report recovered = export();

        assertThat(recovered.notWritten()).isEmpty();
        Point point = readOne("prometheus.googleapis.com/runs_total/counter").getPoints(0);
        assertThat(point.getValue().getDoubleValue()).isEqualTo(2);
        assertThat(instant(point.getInterval().getEndTime())).isEqualTo(now());
    }

    @Test
    void afterAnOutageLongerThan25HoursTheNextPointEndsNow() throws Exception {
        Instant pushed = now();
        push("# TYPE runs_total counter\nruns_total 1\n");
        exportAfterAMinute();
        emulator().faults().failFor(Status.Code.UNAVAILABLE, Duration.ofHours(26));
        exportAfterAMinute();
        long rejectedBefore = emulator().rejectedTimeSeries();

        clock.advance(Duration.ofHours(26));
        ExportCycle.Report recovered = export();

        assertThat(recovered.notWritten()).isEmpty();
        assertThat(emulator().rejectedTimeSeries()).isEqualTo(rejectedBefore);
        List<Point> points = readOne("prometheus.googleapis.com/runs_total/counter").getPointsList();
        assertThat(points).hasSize(2);
        assertThat(instant(points.get(0).getInterval().getEndTime())).isEqualTo(now());
        assertThat(instant(points.get(0).getInterval().getStartTime())).isEqualTo(pushed);
    }

    @Test
    void anIntervalWithNothingToSendAfterAFailedOneIsNoSuccess() throws Exception {
        push("# TYPE runs_total counter\nruns_total 1\n");
        exportAfterAMinute();
        Instant lastSuccess = now();
        emulator().faults().failFor(Status.Code.UNAVAILABLE, Duration.ofMinutes(30));
        exportAfterAMinute();

        // less than the sampling period after the failed interval's points: every series must skip this one
        clock.advance(Duration.ofSeconds(2));
        ExportCycle.Report empty = export();

        assertThat(empty.requests()).isZero();
        assertThat(gateway.gateway().export().metrics().lastSuccess()).isEqualTo(lastSuccess);
        assertThat(gateway.gateway().export().status().of(GroupingKey.of("job", job)).lastSuccess())
                .isEqualTo(lastSuccess);
    }

    @Test
    void anIntervalWithNothingToSendAfterASuccessfulOneIsOne() throws Exception {
        push("# TYPE runs_total counter\nruns_total 1\n");
        exportAfterAMinute();

        clock.advance(Duration.ofSeconds(2));
        ExportCycle.Report empty = export();

        assertThat(empty.requests()).isZero();
        assertThat(gateway.gateway().export().metrics().lastSuccess()).isEqualTo(now());
        assertThat(gateway.gateway().export().status().of(GroupingKey.of("job", job)).lastSuccess()).isEqualTo(now());
    }
}
