package stackdriver.pushgateway.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.export.MonitoringBackend;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.RunningGateway;
import stackdriver.pushgateway.support.TestClock;

/**
 * Groups not pushed for their TTL, seen from outside: gone from every read and from the export, the deletion kept
 * across a restart, counted, and announced in {@code /api/v1/metrics}. Time is a {@link TestClock}; the tests run
 * the sweep by hand (TTLs of ten minutes and more keep the gateway's own sweeps a minute apart, out of the way).
 */
class GroupExpiryTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = new TestClock(START);

    @TempDir
    Path dir;

    @Test
    void withoutATtlGroupsAreKeptForever() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(clock)) {
            push(gateway, "batch");
            clock.advance(Duration.ofDays(3650));

            assertThat(gateway.gateway().expiry().sweep()).isZero();
            assertThat(jobs(gateway)).containsExactly("batch");
            assertThat(apiGroup(gateway, "batch").has("expires_at")).isFalse();
        }
    }

    @Test
    void aGroupExpiresOnceItsTtlHasPassedSinceItsLastPushAndNotBefore() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.groups.ttl", "1h")) {
            push(gateway, "batch");

            clock.advance(Duration.ofMinutes(59).plusSeconds(59));
            assertThat(gateway.gateway().expiry().sweep()).isZero();
            assertThat(jobs(gateway)).containsExactly("batch");
            assertThat(gateway.metricsPage()).contains("job=\"batch\"");

            clock.advance(Duration.ofSeconds(1));
            assertThat(gateway.gateway().expiry().sweep()).isEqualTo(1);
            assertThat(jobs(gateway)).isEmpty();
            assertThat(gateway.metricsPage()).doesNotContain("job=\"batch\"");
            assertThat(gateway.gateway().store().group(GroupingKey.of("job", "batch"))).isNull();
        }
    }

    /** A 10s TTL is checked every second: the group goes without anyone running the sweep. */
    @Test
    void theGatewayChecksGroupsOnItsOwnSchedule() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.groups.ttl", "10s")) {
            push(gateway, "batch");
            clock.advance(Duration.ofSeconds(10));

            Poll.until("the group expired", Duration.ofSeconds(30), () -> jobs(gateway).isEmpty());
        }
    }

    @Test
    void rulesGiveGroupsTheirTtlByExactValueOrRegularExpression() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.groups.ttl", "24h",
                "gateway.groups.ttl-rules", "{job=~\"ci-.*\"} 1h; {job=\"nightly-backup\"} 36h")) {
            push(gateway, "ci-build");
            push(gateway, "nightly-backup");
            push(gateway, "web");

            clock.advance(Duration.ofHours(1));
            gateway.gateway().expiry().sweep();
            assertThat(jobs(gateway)).containsExactlyInAnyOrder("nightly-backup", "web");

            clock.advance(Duration.ofHours(23));
            gateway.gateway().expiry().sweep();
            assertThat(jobs(gateway)).containsExactly("nightly-backup");

            clock.advance(Duration.ofHours(12));
            gateway.gateway().expiry().sweep();
            assertThat(jobs(gateway)).isEmpty();
        }
    }

    @Test
    void theFirstMatchingRuleWins() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(clock,
                "gateway.groups.ttl-rules", "{job=\"ci-release\"} 48h; {job=~\"ci-.*\"} 1h")) {
            push(gateway, "ci-release");
            push(gateway, "ci-build");

            clock.advance(Duration.ofHours(1));
            gateway.gateway().expiry().sweep();

            assertThat(jobs(gateway)).containsExactly("ci-release");
        }
    }

    @Test
    void everyPushSuccessfulOrFailedStartsTheTtlAgain() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.groups.ttl", "1h")) {
            push(gateway, "succeeds");
            push(gateway, "fails");

            clock.advance(Duration.ofMinutes(50));
            push(gateway, "succeeds");
            HttpResponse<String> failed = gateway.send("PUT", "/metrics/job/fails", "a 1 1700000000000\n");
            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(400);
            clock.advance(Duration.ofMinutes(50));
            gateway.gateway().expiry().sweep();
            assertThat(jobs(gateway)).containsExactlyInAnyOrder("succeeds", "fails");

            clock.advance(Duration.ofMinutes(10));
            gateway.gateway().expiry().sweep();
            assertThat(jobs(gateway)).isEmpty();
        }
    }

    @Test
    void theApiShowsWhenEachGroupExpires() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.groups.ttl", "1h",
                "gateway.groups.ttl-rules", "{job=\"heartbeat\"} never")) {
            push(gateway, "batch");
            push(gateway, "heartbeat");
            assertThat(apiGroup(gateway, "batch").get("expires_at").asText()).isEqualTo("2026-03-01T01:00:00Z");

            clock.advance(Duration.ofMinutes(10));
            push(gateway, "batch");

            assertThat(apiGroup(gateway, "batch").get("expires_at").asText()).isEqualTo("2026-03-01T01:10:00Z");
            assertThat(apiGroup(gateway, "heartbeat").has("expires_at")).isFalse();
            String pageList = gateway.send("GET", "/api/v1/groups", null).body();
            assertThat(pageList).as("the web page's list").contains("\"expires_at\":\"2026-03-01T01:10:00Z\"")
                    .containsOnlyOnce("expires_at");
        }
    }

    @Test
    void theGatewayCountsTheGroupsItExpired() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.groups.ttl", "1h")) {
            assertThat(gateway.metricsPage()).contains("\nstackdriver_pushgateway_groups_expired_total 0\n");
            push(gateway, "a");
            push(gateway, "b");
            clock.advance(Duration.ofHours(1));
            push(gateway, "c");
            gateway.gateway().expiry().sweep();

            assertThat(gateway.metricsPage()).contains("# TYPE stackdriver_pushgateway_groups_expired_total counter\n")
                    .contains("\nstackdriver_pushgateway_groups_expired_total 2\n");
        }
    }

    @Test
    void theExportWritesNoMorePointsOfAnExpiredGroup() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.export.interval", "1h",
                "gateway.groups.ttl", "10m", "gateway.groups.ttl-rules", "{job=\"kept\"} never")) {
            push(gateway, "expiring");
            push(gateway, "kept");
            clock.advance(Duration.ofMinutes(1));
            gateway.gateway().export().cycle().runOnce();
            assertThat(points(gateway, "expiring")).isEqualTo(1);

            clock.advance(Duration.ofMinutes(10));
            gateway.gateway().expiry().sweep();
            clock.advance(Duration.ofMinutes(1));
            gateway.gateway().export().cycle().runOnce();

            assertThat(points(gateway, "kept")).isEqualTo(2);
            assertThat(points(gateway, "expiring")).isEqualTo(1);
        }
    }

    /** Journaled at once, as a DELETE is: the journal as a crash leaves it right after the sweep lacks the group. */
    @Test
    void anExpiredGroupStaysDeletedAfterARestartInJournalMode() throws Exception {
        Path journal = dir.resolve("journal");
        Path crashImage = dir.resolve("journal-as-a-crash-left-it");
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.persistence.file", journal.toString(),
                "gateway.persistence.mode", "journal", "gateway.groups.ttl", "10m")) {
            push(gateway, "expiring");
            clock.advance(Duration.ofMinutes(5));
            push(gateway, "kept");
            clock.advance(Duration.ofMinutes(5));
            assertThat(gateway.gateway().expiry().sweep()).isEqualTo(1);
            copy(journal, crashImage);
        }

        // without a TTL, so that only what was saved can keep the group away
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.persistence.file", crashImage.toString(),
                "gateway.persistence.mode", "journal")) {
            assertThat(jobs(gateway)).containsExactly("kept");
        }
    }

    @Test
    void anExpiredGroupStaysDeletedAfterARestartInSnapshotMode() throws Exception {
        String file = dir.resolve("snapshot.bin").toString();
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.persistence.file", file,
                "gateway.groups.ttl", "10m")) {
            push(gateway, "expiring");
            clock.advance(Duration.ofMinutes(5));
            push(gateway, "kept");
            clock.advance(Duration.ofMinutes(5));
            assertThat(gateway.gateway().expiry().sweep()).isEqualTo(1);
        }

        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.persistence.file", file)) {
            assertThat(jobs(gateway)).containsExactly("kept");
        }
    }

    /** A saved group whose TTL passed while the gateway was down is deleted as it starts, before anything reads it. */
    @Test
    void groupsThatExpiredWhileTheGatewayWasDownAreDeletedAtStart() throws Exception {
        String file = dir.resolve("snapshot.bin").toString();
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.persistence.file", file)) {
            push(gateway, "expiring");
        }
        clock.advance(Duration.ofHours(2));

        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.persistence.file", file,
                "gateway.groups.ttl", "1h")) {
            assertThat(jobs(gateway)).isEmpty();
            assertThat(gateway.metricsPage()).contains("\nstackdriver_pushgateway_groups_expired_total 1\n");
        }
    }

    private static void push(RunningGateway gateway, String job) throws Exception {
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/" + job, "# TYPE a gauge\na 1\n");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The jobs of the groups {@code /api/v1/metrics} shows. */
    private static List<String> jobs(RunningGateway gateway) throws Exception {
        List<String> jobs = new ArrayList<>();
        for (JsonNode group : api(gateway)) {
            jobs.add(group.get("labels").get("job").asText());
        }
        return jobs;
    }

    private static JsonNode apiGroup(RunningGateway gateway, String job) throws Exception {
        for (JsonNode group : api(gateway)) {
            if (group.get("labels").get("job").asText().equals(job)) {
                return group;
            }
        }
        throw new AssertionError("no group of job " + job + " in /api/v1/metrics");
    }

    private static JsonNode api(RunningGateway gateway) throws Exception {
        HttpResponse<String> response = gateway.send("GET", "/api/v1/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("data");
    }

    /** How many points of the job's gauge {@code a} the embedded emulator received. */
    private static int points(RunningGateway gateway, String job) throws Exception {
        try (MetricServiceClient client = MonitoringBackend.plaintextClient("127.0.0.1:" + gateway.emulator().port())) {
            ListTimeSeriesRequest request = ListTimeSeriesRequest.newBuilder()
                    .setName(gateway.gateway().export().backend().project().toString())
                    .setFilter("metric.type = \"prometheus.googleapis.com/a/gauge\" AND resource.labels.job = \"" + job + "\"")
                    .setInterval(TimeInterval.newBuilder()
                            .setStartTime(Timestamp.newBuilder().setSeconds(START.getEpochSecond() - 3600))
                            .setEndTime(Timestamp.newBuilder().setSeconds(START.getEpochSecond() + 86400)))
                    .build();
            List<TimeSeries> series = new ArrayList<>();
            client.listTimeSeries(request).iterateAll().forEach(series::add);
            assertThat(series).as("series of job " + job).hasSize(1);
            return series.get(0).getPointsCount();
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
