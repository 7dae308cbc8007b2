package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.exposition.TextFormatParser;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.support.GatewayProcess;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.PubSubEmulator;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * The gateway process is SIGKILLed while HTTP pushes are in flight; after a restart every push that was answered
 * 2xx is there. Each push goes to a group of its own, so a lost push is a missing group.
 */
class CrashTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void journalModeLosesNoAcknowledgedPushOnSigkill(@TempDir Path dir) throws Exception {
        String[] args = {"--persistence.file=" + dir.resolve("journal"), "--gateway.persistence.mode=journal"};
        int port = RunningGateway.freePort();
        Set<Integer> acknowledged;
        try (GatewayProcess gateway = GatewayProcess.start(port, dir.resolve("gateway.log"), args)) {
            acknowledged = pushUntilKilled(gateway, 300);
        }
        try (GatewayProcess restarted = GatewayProcess.start(port, dir.resolve("gateway.log"), args)) {
            assertThat(storedPushes(restarted)).containsAll(acknowledged);
        }
    }

    @Test
    void pubSubModeLosesNoAcknowledgedPushOnSigkill(@TempDir Path dir) throws Exception {
        try (PubSubEmulator pubsub = PubSubEmulator.start()) {
            String[] args = {"--persistence.file=" + dir.resolve("journal"), "--gateway.persistence.mode=journal",
                    "--gateway.buffer=pubsub", "--gateway.pubsub.emulator-host=" + pubsub.host()};
            int port = RunningGateway.freePort();
            Set<Integer> acknowledged;
            try (GatewayProcess gateway = GatewayProcess.start(port, dir.resolve("gateway.log"), args)) {
                acknowledged = pushUntilKilled(gateway, 150);
            }
            try (GatewayProcess restarted = GatewayProcess.start(port, dir.resolve("gateway.log"), args)) {
                // acknowledged pushes still on the subscription are delivered again after the restart
                try {
                    Poll.until("every acknowledged push is stored", Duration.ofSeconds(90),
                            () -> storedPushes(restarted).containsAll(acknowledged));
                } catch (AssertionError e) {
                    Set<Integer> missing = new java.util.TreeSet<>(acknowledged);
                    missing.removeAll(storedPushes(restarted));
                    java.nio.file.Files.copy(dir.resolve("gateway.log"), Path.of("target/crash-gateway.log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    throw new AssertionError(e.getMessage() + "; missing " + missing + " of " + acknowledged.size()
                            + "; the gateway's log is in target/crash-gateway.log");
                }
            }
        }
    }

    /** Pushes from 4 threads, kills the process once {@code before} pushes were acknowledged, returns them all. */
    private static Set<Integer> pushUntilKilled(GatewayProcess gateway, int before) throws Exception {
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> pushers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread pusher = new Thread(() -> {
                while (!killed.get()) {
                    int id = next.incrementAndGet();
                    try {
                        HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(
                                        URI.create(gateway.url("/metrics/job/crash/push/" + id)))
                                .timeout(Duration.ofSeconds(30))
                                .PUT(HttpRequest.BodyPublishers.ofString("crash_push " + id + "\n")).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200 && !killed.get()) {
                            acknowledged.add(id);
                        }
                    } catch (Exception e) {
                        return; // the process is gone
                    }
                }
            });
            pusher.start();
            pushers.add(pusher);
        }
        Poll.until(before + " pushes acknowledged", Duration.ofSeconds(120), () -> acknowledged.size() >= before);
        Set<Integer> answeredBeforeKill = Set.copyOf(acknowledged);
        killed.set(true);
        gateway.kill();
        for (Thread pusher : pushers) {
            pusher.join(Duration.ofSeconds(60).toMillis());
        }
        assertThat(answeredBeforeKill).hasSizeGreaterThanOrEqualTo(before);
        return answeredBeforeKill;
    }

    private static Set<Integer> storedPushes(GatewayProcess gateway) throws Exception {
        byte[] page = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.url("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        Set<Integer> stored = new java.util.HashSet<>();
        for (MetricFamily family : new TextFormatParser().parse(page)) {
            if (family.name().equals("crash_push")) {
                for (Metric metric : family.metrics()) {
                    stored.add(Integer.parseInt(metric.labels().get("push")));
                }
            }
        }
        return stored;
    }
}
