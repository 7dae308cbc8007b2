package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import stackdriver.pushgateway.emulator.MetricServiceEmulator;
import stackdriver.pushgateway.support.RunningGateway;
import stackdriver.pushgateway.support.TestClock;

/**
 * One gateway per test class on a clock the test moves, writing to its embedded emulator; tests push over HTTP,
 * run export intervals by hand and read back with Google's MetricServiceClient. Each test pushes to a job of
 * its own, and starts a minute after the previous one, so tests never see each other's points.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExportTestSupport {
    static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
    private static final AtomicInteger JOBS = new AtomicInteger();

    final TestClock clock = new TestClock(START);
    RunningGateway gateway;
    MetricServiceClient client;
    String job;

    /** Settings of this class's gateway, beyond a one-hour interval that leaves the timer out of the way. */
    String[] settings() {
        return new String[0];
    }

    @BeforeAll
    void startGateway() throws Exception {
        List<String> all = new ArrayList<>(List.of("gateway.export.interval", "1h"));
        all.addAll(List.of(settings()));
        gateway = RunningGateway.start(clock, all.toArray(new String[0]));
        client = MonitoringBackend.plaintextClient("127.0.0.1:" + emulator().port());
    }

    @AfterAll
    void stopGateway() {
        client.close();
        gateway.close();
    }

    @BeforeEach
    void nextJob() {
        clock.advance(Duration.ofMinutes(1));
        emulator().faults().clear();
        gateway.gateway().store().wipe();
        job = "job" + JOBS.incrementAndGet();
    }

    MetricServiceEmulator emulator() {
        return gateway.emulator();
    }

    ExportCycle.Report export() {
        return gateway.gateway().export().cycle().runOnce();
    }

    /** Runs the next interval, one export interval of 60s later. */
    ExportCycle.Report exportAfterAMinute() {
        clock.advance(Duration.ofMinutes(1));
        return export();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    void push(String method, String path, String body) throws Exception {
        HttpResponse<String> response = gateway.send(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
    }

    void push(String body) throws Exception {
        push("PUT", "/metrics/job/" + job, body);
    }

    void push(String contentType, String path, String method, String body) throws Exception {
        HttpResponse<String> response = gateway.send(gateway.request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Every series of the metric type written for this test's job, newest point first. */
    List<TimeSeries> read(String type) {
        return read(type, jobFilter());
    }

    /** Every series of the metric type that the filter selects, newest point first. */
    List<TimeSeries> read(String type, String filter) {
        ListTimeSeriesRequest request = ListTimeSeriesRequest.newBuilder()
                .setName(gateway.gateway().export().backend().project().toString())
                .setFilter("metric.type = \"" + type + "\" AND " + filter)
                .setInterval(TimeInterval.newBuilder()
                        .setStartTime(ExportedSeries.timestamp(START.minus(Duration.ofHours(1))))
                        .setEndTime(ExportedSeries.timestamp(clock.instant().plus(Duration.ofHours(1)))))
                .setView(ListTimeSeriesRequest.TimeSeriesView.FULL).build();
        List<TimeSeries> found = new ArrayList<>();
        client.listTimeSeries(request).iterateAll().forEach(found::add);
        return found;
    }

    String jobFilter() {
        return "resource.labels.job = \"" + job + "\"";
    }

    TimeSeries readOne(String type) {
        List<TimeSeries> found = read(type);
        assertThat(found).as("series of " + type).hasSize(1);
        return found.get(0);
    }

    static Instant instant(com.google.protobuf.Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
