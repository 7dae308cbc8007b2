package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.RunningGateway;

/** The export route's timer: a pushed group reaches Cloud Monitoring with nobody asking, every interval. */
class ExportTimerTest {

    @Test
    void pushedGroupIsWrittenByTheTimerEveryInterval() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("gateway.export.interval", "5s");
                MetricServiceClient client = MonitoringBackend.plaintextClient(
                        "127.0.0.1:" + gateway.emulator().port())) {
            assertThat(gateway.send("PUT", "/metrics/job/timer", "# TYPE up gauge\nup 1\n").statusCode()).isEqualTo(200);

            Instant deadline = Instant.now().plusSeconds(30);
            List<TimeSeries> written = List.of();
            while (Instant.now().isBefore(deadline)) {
                written = read(client, gateway);
                if (!written.isEmpty() && written.get(0).getPointsCount() >= 2) {
                    break;
                }
                Thread.sleep(200); // polling interval, not synchronisation: the loop waits for the outcome
            }
            assertThat(written).singleElement().satisfies(series -> assertThat(series.getPointsCount()).isGreaterThanOrEqualTo(2));
            List<com.google.monitoring.v3.Point> points = written.get(0).getPointsList();
            Duration between = Duration.between(instant(points.get(1).getInterval().getEndTime()),
                    instant(points.get(0).getInterval().getEndTime()));
            assertThat(between).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        }
    }

    private static List<TimeSeries> read(MetricServiceClient client, RunningGateway gateway) {
        Instant now = Instant.now();
        ListTimeSeriesRequest request = ListTimeSeriesRequest.newBuilder()
                .setName(gateway.gateway().export().backend().project().toString())
                .setFilter("metric.type = \"prometheus.googleapis.com/up/gauge\"")
                .setInterval(TimeInterval.newBuilder().setStartTime(ExportedSeries.timestamp(now.minusSeconds(600)))
                        .setEndTime(ExportedSeries.timestamp(now.plusSeconds(60))))
                .build();
        List<TimeSeries> found = new ArrayList<>();
        client.listTimeSeries(request).iterateAll().forEach(found::add);
        return found;
    }

    private static Instant instant(com.google.protobuf.Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
