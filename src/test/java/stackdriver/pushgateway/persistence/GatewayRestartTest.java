package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static stackdriver.pushgateway.store.PushRequest.Method.PUT;

import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.export.MonitoringBackend;
import stackdriver.pushgateway.support.RunningGateway;
import stackdriver.pushgateway.support.TestClock;

/** The gateway as a whole: what it held before a restart, it holds after. */
class GatewayRestartTest {

    private static final GroupingKey BATCH = GroupingKey.of("job", "batch");
    private static final GroupingKey WEB = GroupingKey.of("job", "web");

    @TempDir
    Path dir;

    @Test
    void groupsSurviveAStopAndStartInSnapshotMode() throws Exception {
        String file = dir.resolve("snapshot.bin").toString();
        try (RunningGateway gateway = RunningGateway.start("gateway.persistence.file", file)) {
            gateway.gateway().store().apply(Groups.gauge(PUT, BATCH, "a", 1));
        }

        try (RunningGateway gateway = RunningGateway.start("gateway.persistence.file", file)) {
            assertThat(Groups.gaugeValue(gateway.gateway().store().group(BATCH), "a")).isEqualTo(1);
        }
    }

    @Test
    void aPlainRestartKeepsEveryGroupAndEveryCumulativeStartTime() throws Exception {
        for (String mode : new String[] {"snapshot", "journal"}) {
            TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
            String[] settings = {"gateway.persistence.file", dir.resolve(mode).toString(),
                    "gateway.persistence.mode", mode, "gateway.export.interval", "1h"};
            Timestamp firstStart;
            try (RunningGateway gateway = RunningGateway.start(clock, settings)) {
                firstStart = pushAndExport(gateway, clock);
            }
            clock.advance(Duration.ofMinutes(5));
            try (RunningGateway gateway = RunningGateway.start(clock, settings)) {
                assertThat(gateway.gateway().store().group(GroupingKey.of("job", "restart"))).as(mode).isNotNull();
                assertThat(exportedStart(gateway)).as(mode).isEqualTo(firstStart);
            }
        }
    }

    /**
     * Start times are saved after every export cycle, not only at stop: a copy of the saved files taken right after
     * a cycle, as a crash would leave them (no last save), holds them.
     */
    @Test
    void startTimesAreSavedAfterEachExportCycle() throws Exception {
        for (String mode : new String[] {"snapshot", "journal"}) {
            TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
            Path saved = dir.resolve(mode);
            Path crashImage = dir.resolve(mode + "-as-a-crash-left-it");
            Timestamp firstStart;
            try (RunningGateway gateway = RunningGateway.start(clock, "gateway.persistence.file", saved.toString(),
                    "gateway.persistence.mode", mode, "gateway.export.interval", "1h")) {
                firstStart = pushAndExport(gateway, clock);
                copy(saved, crashImage);
            }
            clock.advance(Duration.ofMinutes(5));
            try (RunningGateway gateway = RunningGateway.start(clock, "gateway.persistence.file", crashImage.toString(),
                    "gateway.persistence.mode", mode, "gateway.export.interval", "1h")) {
                assertThat(exportedStart(gateway)).as(mode).isEqualTo(firstStart);
            }
        }
    }

    /** Pushes a counter, exports it a minute later and returns the start time it was written with. */
    private static Timestamp pushAndExport(RunningGateway gateway, TestClock clock) throws Exception {
        assertThat(gateway.send("PUT", "/metrics/job/restart", "# TYPE jobs_total counter\njobs_total 5\n")
                .statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        gateway.gateway().export().cycle().runOnce();
        return counterPoint(gateway).getPoints(0).getInterval().getStartTime();
    }

    /** Exports the counter again and returns the start time it was written with. */
    private static Timestamp exportedStart(RunningGateway gateway) throws Exception {
        gateway.gateway().export().cycle().runOnce();
        TimeSeries after = counterPoint(gateway);
        assertThat(after.getPoints(0).getValue().getDoubleValue()).isEqualTo(5);
        return after.getPoints(0).getInterval().getStartTime();
    }

    private static void copy(Path from, Path to) throws Exception {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to);
            return;
        }
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    /** The newest point of the counter, read back from the gateway's embedded Cloud Monitoring emulator. */
    private static TimeSeries counterPoint(RunningGateway gateway) throws Exception {
        MonitoringBackend backend = gateway.gateway().export().backend();
        try (MetricServiceClient client = MonitoringBackend.plaintextClient("127.0.0.1:" + gateway.emulator().port())) {
            ListTimeSeriesRequest request = ListTimeSeriesRequest.newBuilder().setName(backend.project().toString())
                    .setFilter("metric.type = \"prometheus.googleapis.com/jobs_total/counter\"")
                    .setInterval(TimeInterval.newBuilder()
                            .setStartTime(Timestamp.newBuilder().setSeconds(0))
                            .setEndTime(Timestamp.newBuilder().setSeconds(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond())))
                    .build();
            List<TimeSeries> series = new ArrayList<>();
            client.listTimeSeries(request).iterateAll().forEach(series::add);
            assertThat(series).hasSize(1);
            return series.get(0);
        }
    }

    @Test
    void aDeleteAndAWipeAnsweredOverHttpAreJournaled() throws Exception {
        Path journalDir = dir.resolve("journal");
        MetricStore seeded = new MetricStore();
        try (PushJournal journal = PushJournal.open(journalDir, seeded)) {
            for (GroupingKey key : new GroupingKey[] {BATCH, WEB, GroupingKey.of("job", "other")}) {
                seeded.apply(Groups.gauge(PUT, key, "a", 1));
                journal.record(Groups.gauge(PUT, key, "a", 1));
            }
        }
        String[] settings = {"gateway.persistence.file", journalDir.toString(), "gateway.persistence.mode", "journal",
                "gateway.web.enable-admin-api", "true"};

        try (RunningGateway gateway = RunningGateway.start(settings)) {
            assertThat(gateway.gateway().store().groups()).hasSize(3);
            assertThat(gateway.send("DELETE", "/metrics/job/batch", null).statusCode()).isEqualTo(202);
        }
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            assertThat(gateway.gateway().store().group(BATCH)).isNull();
            assertThat(gateway.gateway().store().groups()).hasSize(2);
            assertThat(gateway.send("PUT", "/api/v1/admin/wipe", null).statusCode()).isEqualTo(202);
        }
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            assertThat(gateway.gateway().store().groups()).isEmpty();
        }
    }

    @Test
    void theGatewayDoesNotStartOverACorruptSnapshot() throws Exception {
        Path file = dir.resolve("snapshot.bin");
        Files.write(file, new byte[] {'S', 'D', 'P', 'G'});

        assertThatThrownBy(() -> RunningGateway.start("gateway.persistence.file", file.toString()))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("cut short");
        assertThat(Files.readAllBytes(file)).hasSize(4);
    }
}
