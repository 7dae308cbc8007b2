package stackdriver.pushgateway.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.emulator.MetricServiceEmulator;
import stackdriver.pushgateway.export.MonitoringBackend;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.PubSubEmulator;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * Whole gateways with {@code gateway.ha=kubernetes}: one ingest replica and two writer replicas in this JVM, on
 * Google's Pub/Sub emulator, a Cloud Monitoring emulator they share, and fabric8's mock API server in CRUD mode
 * (reached through {@code gateway.ha.kubernetes-url}) for the Lease.
 */
@EnableKubernetesMockClient(https = false, crud = true)
class StandbyWritersTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    /** The shortest export interval the gateway takes. */
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String COUNTER = "prometheus.googleapis.com/orders_total/counter";
    private static final int GROUPS = 5;
    static KubernetesClient client;

    private final String leaseName = "pushgateway-writer-" + UUID.randomUUID();
    private PubSubEmulator pubsub;
    private MetricServiceEmulator monitoring;
    private RunningGateway ingest;
    private RunningGateway first;
    private RunningGateway second;

    @BeforeEach
    void start() throws Exception {
        pubsub = PubSubEmulator.start();
        monitoring = MetricServiceEmulator.builder().port(0).start();
        ingest = RunningGateway.start("gateway.role", "ingest", "gateway.buffer", "pubsub",
                "gateway.pubsub.emulator-host", pubsub.host(), "gateway.ha", "kubernetes", "gateway.ha.identity", "ingest-0");
        first = writer("writer-0");
        second = writer("writer-1");
    }

    private RunningGateway writer(String identity) throws Exception {
        return RunningGateway.start("gateway.role", "writer", "gateway.buffer", "pubsub",
                "gateway.pubsub.emulator-host", pubsub.host(),
                "gateway.monitoring.backend", "endpoint", "gateway.monitoring.endpoint", "127.0.0.1:" + monitoring.port(),
                "gateway.export.interval", INTERVAL.toSeconds() + "s",
                "gateway.ha", "kubernetes", "gateway.ha.kubernetes-url", client.getMasterUrl().toString(),
                "gateway.ha.namespace", "test", "gateway.ha.lease-name", leaseName, "gateway.ha.identity", identity,
                "gateway.ha.lease-duration", LEASE.toMillis() + "ms", "gateway.ha.renew-deadline", "1500ms",
                "gateway.ha.retry-period", "250ms");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] {ingest, first, second, monitoring, pubsub}) {
            if (closing != null) {
                closing.close();
            }
        }
    }

    private static boolean holdsEveryGroup(RunningGateway writer) {
        for (int i = 0; i < GROUPS; i++) {
            if (writer.gateway().store().group(GroupingKey.of("job", "shop", "instance", "i" + i)) == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean exports(RunningGateway writer) {
        return writer.gateway().camelContext().getRouteController().getRouteStatus("export-timer")
                == ServiceStatus.Started;
    }

    private static long written(RunningGateway writer) {
        return writer.gateway().export().metrics().seriesWritten();
    }

    /** The points of group i0's counter, none before its first export. */
    private List<Point> counterPoints() {
        Instant now = Instant.now();
        try (MetricServiceClient reader = MonitoringBackend.plaintextClient("127.0.0.1:" + monitoring.port())) {
            ListTimeSeriesRequest request = ListTimeSeriesRequest.newBuilder().setName("projects/local-project")
                    .setFilter("metric.type = \"" + COUNTER + "\" AND resource.labels.instance = \"i0\"")
                    .setInterval(TimeInterval.newBuilder()
                            .setStartTime(Timestamp.newBuilder().setSeconds(now.minusSeconds(3600).getEpochSecond()))
                            .setEndTime(Timestamp.newBuilder().setSeconds(now.plusSeconds(3600).getEpochSecond())))
                    .build();
            List<TimeSeries> series = new ArrayList<>();
            reader.listTimeSeries(request).iterateAll().forEach(series::add);
            assertThat(series).as("the counter of group i0").hasSizeLessThanOrEqualTo(1);
            return series.isEmpty() ? List.of() : series.get(0).getPointsList();
        }
    }

    @Test
    void bothWritersHoldEveryGroupAndOnlyTheLeaseHolderExports() throws Exception {
        for (int i = 0; i < GROUPS; i++) {
            assertThat(ingest.send("PUT", "/metrics/job/shop/instance/i" + i,
                    "# TYPE orders_total counter\norders_total " + (10 + i) + "\n").statusCode()).isEqualTo(200);
        }
        Poll.until("both writers hold every group", DEADLINE, () -> holdsEveryGroup(first) && holdsEveryGroup(second));
        Poll.until("one writer leads", DEADLINE, () -> exports(first) || exports(second));
        RunningGateway leader = exports(first) ? first : second;
        RunningGateway standby = leader == first ? second : first;

        Poll.until("the leader exports twice", DEADLINE, () -> counterPoints().size() >= 2);
        assertThat(exports(standby)).isFalse();
        assertThat(written(standby)).as("series the standby wrote").isZero();
        assertThat(written(leader)).isPositive();

        Instant lost = Instant.now();
        leader.close();
        long pointsBefore = counterPoints().size();
        Poll.until("the standby exports", LEASE.plus(INTERVAL).plusSeconds(5), () -> written(standby) > 0);
        Duration handOver = Duration.between(lost, Instant.now());
        Poll.until("the standby's points are stored", DEADLINE, () -> counterPoints().size() > pointsBefore);

        assertThat(handOver).as("hand-over after the leader stopped").isLessThanOrEqualTo(LEASE.plus(INTERVAL));
        assertThat(monitoring.rejectedTimeSeries()).as("points the Cloud Monitoring emulator rejected").isZero();
        List<Point> points = counterPoints();
        assertThat(points).extracting(point -> point.getInterval().getStartTime())
                .as("one start time across the hand-over: no counter reset").containsOnly(
                        points.get(0).getInterval().getStartTime());
        assertThat(points).extracting(point -> point.getValue().getDoubleValue()).containsOnly(10.0);
    }

    private static double storedOrders(RunningGateway writer) {
        var group = writer.gateway().store().group(GroupingKey.of("job", "shop", "instance", "i0"));
        return group == null ? Double.NaN : group.families().get("orders_total").family().metrics().get(0).value();
    }

    @Test
    void aNewLeaderStartsACounterThatResetBeforeTheHandOverWhereTheOldLeaderDid() throws Exception {
        assertThat(ingest.send("PUT", "/metrics/job/shop/instance/i0", "# TYPE orders_total counter\norders_total 10\n")
                .statusCode()).isEqualTo(200);
        Poll.until("one writer leads", DEADLINE, () -> exports(first) || exports(second));
        RunningGateway leader = exports(first) ? first : second;
        RunningGateway standby = leader == first ? second : first;
        Poll.until("the leader exports the counter", DEADLINE, () -> !counterPoints().isEmpty());
        int written = counterPoints().size();
        // just after an export, so that the reset is applied well before the next one
        Poll.until("the leader exports again", DEADLINE, () -> counterPoints().size() > written);

        assertThat(ingest.send("PUT", "/metrics/job/shop/instance/i0", "# TYPE orders_total counter\norders_total 2\n")
                .statusCode()).isEqualTo(200);
        Poll.until("both writers hold the reset", DEADLINE, () -> storedOrders(leader) == 2 && storedOrders(standby) == 2);
        Poll.until("the leader exports the reset", DEADLINE,
                () -> counterPoints().get(0).getValue().getDoubleValue() == 2);
        leader.close();
        Poll.until("the new leader exports", LEASE.plus(INTERVAL).plusSeconds(5), () -> written(standby) > 0);
        Poll.until("the new leader's point is stored", DEADLINE, () -> counterPoints().stream()
                .filter(point -> point.getValue().getDoubleValue() == 2).count() >= 2);

        assertThat(monitoring.rejectedTimeSeries()).as("points the Cloud Monitoring emulator rejected").isZero();
        List<Point> points = counterPoints();
        List<Point> afterReset = points.stream().filter(point -> point.getValue().getDoubleValue() == 2).toList();
        Point lastBeforeReset = points.get(afterReset.size());
        assertThat(afterReset).extracting(point -> point.getInterval().getStartTime())
                .as("one start after the reset, across the hand-over").containsOnly(
                        afterReset.get(0).getInterval().getStartTime());
        assertThat(com.google.protobuf.util.Timestamps.compare(afterReset.get(0).getInterval().getStartTime(),
                lastBeforeReset.getInterval().getEndTime())).as("the reset's start is after the last point before it")
                .isPositive();
    }
}
