package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.emulator.MetricServiceEmulator;
import stackdriver.pushgateway.support.RunningGateway;
import stackdriver.pushgateway.support.TestClock;

/**
 * A MetricService that was down, not just refusing: gRPC waits longer between reconnects the longer the outage
 * lasts (up to two minutes). The interval after the service is back must write all the same.
 */
class ExportReconnectTest {

    @Test
    void theFirstIntervalAfterALongOutageWrites() throws Exception {
        int port = RunningGateway.freePort();
        // one interval between the cycles run by hand, as the timer would leave (points of a series are 5 s apart)
        TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.monitoring.backend", "endpoint",
                "gateway.monitoring.endpoint", "127.0.0.1:" + port, "gateway.export.interval", "5s",
                "gateway.export.initial-backoff", "50ms", "gateway.export.max-backoff", "200ms")) {
            gateway.gateway().camelContext().getRouteController().stopRoute("export-timer");
            assertThat(gateway.send("PUT", "/metrics/job/reconnect", "# TYPE runs_total counter\nruns_total 1\n")
                    .statusCode()).isEqualTo(200);
            ExportCycle cycle = gateway.gateway().export().cycle();

            // nothing listens: each interval retries until it ends, and gRPC's wait before reconnecting grows
            // (1 s, 1.6 s, 2.6 s, 4.1 s, 6.6 s...) past what one 5 s interval leaves
            long outageEnds = System.nanoTime() + Duration.ofSeconds(16).toNanos();
            ExportCycle.Report down = null;
            while (System.nanoTime() < outageEnds) {
                clock.advance(Duration.ofSeconds(5));
                down = cycle.runOnce();
                assertThat(down.written()).isZero();
            }
            // the counter, push_time_seconds and push_failure_time_seconds
            assertThat(down.notWritten()).as("every series failed, as unavailable").hasSize(3)
                    .allSatisfy(rejection -> assertThat(rejection.cause()).isEqualTo("unavailable"));

            try (MetricServiceEmulator back = MetricServiceEmulator.builder().port(port)
                    .restPort(MetricServiceEmulator.OFF).start()) {
                clock.advance(Duration.ofSeconds(5));
                ExportCycle.Report report = cycle.runOnce();

                assertThat(report.notWritten()).as(report.toString()).isEmpty();
                assertThat(report.written()).isEqualTo(3);
                assertThat(back.writtenPoints()).isEqualTo(3);
            }
        }
    }
}
