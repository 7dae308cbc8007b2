package stackdriver.pushgateway.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.emulator.MetricServiceEmulator;
import stackdriver.pushgateway.export.MonitoringBackend;
import stackdriver.pushgateway.exposition.TextFormatParser;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.support.GatewayProcess;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.PubSubEmulator;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * Issue 19's crash test: two ingest and two writer gateways, each a process of its own, on Google's Pub/Sub
 * emulator, with fabric8's mock API server (CRUD mode) holding the writers' Lease and one Cloud Monitoring emulator
 * both writers write to. Counters that only grow are pushed through both ingest replicas while the leading writer
 * is SIGKILLed: the standby takes over within the lease duration and one interval, loses no acknowledged push, and
 * Cloud Monitoring sees neither a rejected point nor a counter reset.
 */
@EnableKubernetesMockClient(https = false, crud = true)
class WriterCrashTest {

    /**
     * A new leader's first export comes a sampling period (5 s) after the lost leader's last renewal, its renew
     * deadline and one retry period: 7.25 s here, leaving the export itself time within lease + interval (9 s).
     */
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
    private static final Duration RETRY = Duration.ofMillis(250);
    /** The shortest export interval the gateway takes. */
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int GROUPS = 6;
    private static final String FAMILY = "crash_orders_total";
    private static final String COUNTER = "prometheus.googleapis.com/" + FAMILY + "/counter";
    private static final Logger LOG = LoggerFactory.getLogger(WriterCrashTest.class);
    private static final Path LOGS = Path.of("target", "writer-crash");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static KubernetesClient client;

    private final String leaseName = "pushgateway-writer-" + UUID.randomUUID();
    private final Map<String, GatewayProcess> writers = new HashMap<>();
    private final List<GatewayProcess> ingest = new ArrayList<>();
    private PubSubEmulator pubsub;
    private MetricServiceEmulator monitoring;
    private MetricServiceClient reader;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(LOGS);
        pubsub = PubSubEmulator.start();
        monitoring = MetricServiceEmulator.builder().port(0).start();
        reader = MonitoringBackend.plaintextClient("127.0.0.1:" + monitoring.port());
        // all at once (a JVM's start is most of this test's time); nothing is pushed before every one is ready, so
        // each writer's subscription, made at its start, holds every push
        CompletableFuture<GatewayProcess> first = startAsync(() -> writer("writer-0"));
        CompletableFuture<GatewayProcess> second = startAsync(() -> writer("writer-1"));
        CompletableFuture<GatewayProcess> ingest0 = startAsync(() -> ingest("ingest-0"));
        CompletableFuture<GatewayProcess> ingest1 = startAsync(() -> ingest("ingest-1"));
        writers.put("writer-0", first.join());
        writers.put("writer-1", second.join());
        ingest.add(ingest0.join());
        ingest.add(ingest1.join());
    }

    private interface Start {
        GatewayProcess start() throws Exception;
    }

    private static CompletableFuture<GatewayProcess> startAsync(Start start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return start.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private GatewayProcess writer(String identity) throws Exception {
        Path dir = Files.createTempDirectory(LOGS, identity);
        return GatewayProcess.start(RunningGateway.freePort(), log(identity), "--gateway.role=writer",
                "--gateway.buffer=pubsub", "--gateway.pubsub.emulator-host=" + pubsub.host(),
                "--persistence.file=" + dir.resolve("journal"), "--gateway.persistence.mode=journal",
                "--gateway.monitoring.backend=endpoint", "--gateway.monitoring.endpoint=127.0.0.1:" + monitoring.port(),
                "--gateway.export.interval=" + INTERVAL.toMillis() + "ms",
                "--gateway.ha=kubernetes", "--gateway.ha.kubernetes-url=" + client.getMasterUrl(),
                "--gateway.ha.namespace=test", "--gateway.ha.lease-name=" + leaseName, "--gateway.ha.identity=" + identity,
                "--gateway.ha.lease-duration=" + LEASE.toMillis() + "ms",
                "--gateway.ha.renew-deadline=" + RENEW_DEADLINE.toMillis() + "ms",
                "--gateway.ha.retry-period=" + RETRY.toMillis() + "ms");
    }

    private GatewayProcess ingest(String name) throws Exception {
        return GatewayProcess.start(RunningGateway.freePort(), log(name), "--gateway.role=ingest",
                "--gateway.buffer=pubsub", "--gateway.pubsub.emulator-host=" + pubsub.host(),
                "--gateway.pubsub.publish-timeout=10s");
    }

    private static Path log(String name) throws Exception {
        Path log = LOGS.resolve(name + ".log");
        Files.deleteIfExists(log);
        return log;
    }

    @AfterEach
    void stop() throws Exception {
        List<AutoCloseable> closing = new ArrayList<>(ingest);
        closing.addAll(writers.values());
        closing.add(() -> {
            if (reader != null) {
                reader.close();
            }
        });
        closing.add(monitoring);
        closing.add(pubsub);
        for (AutoCloseable each : closing) {
            if (each != null) {
                each.close();
            }
        }
    }

    /** One thread pushing counters that only grow, round the groups, each group through both ingest replicas. */
    private final class Load implements Runnable {
        final AtomicLongArray attempted = new AtomicLongArray(GROUPS);
        final AtomicLongArray acknowledged = new AtomicLongArray(GROUPS);
        final AtomicLong acknowledgedPushes = new AtomicLong();
        final AtomicLong failedPushes = new AtomicLong();
        final AtomicBoolean stopped = new AtomicBoolean();

        @Override
        public void run() {
            for (long push = 0; !stopped.get(); push++) {
                int group = (int) (push % GROUPS);
                GatewayProcess through = ingest.get((int) (push / GROUPS % 2));
                long value = attempted.incrementAndGet(group);
                try {
                    HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(
                                    URI.create(through.url("/metrics/job/crash/instance/g" + group)))
                            .timeout(Duration.ofSeconds(15))
                            .PUT(HttpRequest.BodyPublishers.ofString("# TYPE " + FAMILY + " counter\n" + FAMILY + " "
                                    + value + "\n")).build(), HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() / 100 == 2) {
                        acknowledged.set(group, value);
                        acknowledgedPushes.incrementAndGet();
                    } else {
                        failedPushes.incrementAndGet();
                    }
                } catch (java.io.IOException e) {
                    failedPushes.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private String leaseHolder() {
        Lease lease = client.leases().inNamespace("test").withName(leaseName).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** Every point of each group's counter in the Cloud Monitoring emulator, oldest first, by instance. */
    private Map<String, List<Point>> counterPoints() {
        Instant now = Instant.now();
        ListTimeSeriesRequest request = ListTimeSeriesRequest.newBuilder().setName("projects/local-project")
                .setFilter("metric.type = \"" + COUNTER + "\"")
                .setInterval(TimeInterval.newBuilder()
                        .setStartTime(Timestamp.newBuilder().setSeconds(now.minusSeconds(3600).getEpochSecond()))
                        .setEndTime(Timestamp.newBuilder().setSeconds(now.plusSeconds(3600).getEpochSecond())))
                .build();
        Map<String, List<Point>> points = new HashMap<>();
        for (TimeSeries series : reader.listTimeSeries(request).iterateAll()) {
            List<Point> oldestFirst = new ArrayList<>(series.getPointsList());
            oldestFirst.sort(Comparator.comparing(point -> Timestamps.toMillis(point.getInterval().getEndTime())));
            assertThat(points.put(series.getResource().getLabelsOrThrow("instance"), oldestFirst))
                    .as("one series per group").isNull();
        }
        return points;
    }

    /** Whether every group's counter has a point ending after {@code after}. */
    private boolean everyGroupHasAPointAfter(Instant after) {
        Map<String, List<Point>> points = counterPoints();
        for (int group = 0; group < GROUPS; group++) {
            List<Point> series = points.getOrDefault("g" + group, List.of());
            if (series.isEmpty() || !end(series.get(series.size() - 1)).isAfter(after)) {
                return false;
            }
        }
        return true;
    }

    /** The end time of the points every group first got after {@code after}: the latest of them, if they differ. */
    private Instant firstExportAfter(Instant after) {
        Instant latest = after;
        for (List<Point> series : counterPoints().values()) {
            Instant first = series.stream().map(WriterCrashTest::end).filter(end -> end.isAfter(after))
                    .min(Comparator.naturalOrder()).orElseThrow();
            latest = first.isAfter(latest) ? first : latest;
        }
        return latest;
    }

    private static Instant end(Point point) {
        return Instant.ofEpochMilli(Timestamps.toMillis(point.getInterval().getEndTime()));
    }

    /** The counter of each group as the writer's {@code GET /metrics} shows it. */
    private static Map<String, Double> stored(GatewayProcess writer) throws Exception {
        byte[] page = HTTP.send(HttpRequest.newBuilder(URI.create(writer.url("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        Map<String, Double> values = new HashMap<>();
        for (MetricFamily family : new TextFormatParser().parse(page)) {
            if (family.name().equals(FAMILY)) {
                for (Metric metric : family.metrics()) {
                    values.put(metric.labels().get("instance"), metric.value());
                }
            }
        }
        return values;
    }

    private boolean reflectsEveryAcknowledgedPush(Map<String, Double> values, Load load) {
        for (int group = 0; group < GROUPS; group++) {
            Double value = values.get("g" + group);
            if (value == null || value < load.acknowledged.get(group)) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Double> newestExported() {
        Map<String, Double> newest = new HashMap<>();
        counterPoints().forEach((instance, points) ->
                newest.put(instance, points.get(points.size() - 1).getValue().getDoubleValue()));
        return newest;
    }

    @Test
    void theStandbyTakesOverASigkilledLeaderWithoutLossResetOrRejectedPoint() throws Exception {
        Load load = new Load();
        Thread pusher = new Thread(load, "crash-test-pusher");
        pusher.start();
        try {
            Poll.until("a writer holds the Lease", DEADLINE, () -> writers.containsKey(leaseHolder()));
            Poll.until("the leader exported every group under load", DEADLINE, () -> counterPoints().size() == GROUPS);
            String leader = leaseHolder();
            GatewayProcess standby = writers.entrySet().stream().filter(entry -> !entry.getKey().equals(leader))
                    .findFirst().orElseThrow().getValue();

            Instant killed = Instant.now();
            writers.remove(leader).kill();
            // a point ending after this is the standby's: the leader may have taken a snapshot while it was killed
            Instant dead = Instant.now();
            Poll.until("the standby exports every group", LEASE.plus(INTERVAL).multipliedBy(3),
                    () -> everyGroupHasAPointAfter(dead));
            // when the standby exported: its first points' end time, the instant of its first snapshot (how long the
            // points then took to reach the emulator depends on the machine's load, not on the hand-over)
            Duration handOver = Duration.between(killed, firstExportAfter(dead));
            LOG.info("hand-over {} ms after the SIGKILL, {} pushes acknowledged so far", handOver.toMillis(),
                    load.acknowledgedPushes.get());
            assertThat(handOver).as("the standby's first points after the leader's SIGKILL at %s (points: %s;"
                    + " rejected: %s)", killed, counterPoints().entrySet().stream().map(group -> group.getKey() + "="
                    + group.getValue().stream().map(point -> Timestamps.toString(point.getInterval().getStartTime())
                            + ".." + end(point) + "=" + point.getValue().getDoubleValue())
                    .toList()).toList(), monitoring.rejections())
                    .isLessThanOrEqualTo(LEASE.plus(INTERVAL));

            load.stopped.set(true);
            pusher.join(Duration.ofSeconds(20).toMillis());
            assertThat(load.failedPushes.get()).as("pushes not answered 2xx").isZero();
            Poll.until("the standby's store holds every acknowledged push", DEADLINE,
                    () -> reflectsEveryAcknowledgedPush(stored(standby), load));
            Poll.until("Cloud Monitoring holds every acknowledged push", DEADLINE,
                    () -> reflectsEveryAcknowledgedPush(newestExported(), load));
        } finally {
            load.stopped.set(true);
            pusher.join(Duration.ofSeconds(20).toMillis());
        }

        assertThat(monitoring.rejectedTimeSeries()).as("series the Cloud Monitoring emulator rejected: %s",
                monitoring.rejections()).isZero();
        assertThat(monitoring.counterResets()).as("counter resets Cloud Monitoring saw").isZero();
        counterPoints().forEach((instance, points) -> {
            assertThat(points).extracting(point -> point.getInterval().getStartTime())
                    .as("group %s keeps one start time", instance)
                    .containsOnly(points.get(0).getInterval().getStartTime());
            assertThat(points).extracting(point -> point.getValue().getDoubleValue())
                    .as("group %s's counter never goes down", instance).isSorted();
        });
    }
}
