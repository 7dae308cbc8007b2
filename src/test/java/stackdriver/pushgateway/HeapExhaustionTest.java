package stackdriver.pushgateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.GatewayProcess;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * A heap too small for what is pushed, with the series budget out of the way: the process must end (so that an
 * orchestrator restarts it) rather than hang alive answering {@code /-/healthy}, having acknowledged only what it
 * holds; the journal gives that back after a restart with a normal heap.
 */
class HeapExhaustionTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> SMALL_HEAP = List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError");
    private static final int SERIES_PER_PUSH = 5_000;
    /** 10,000,000 series: far beyond what 64 MB hold (about 500,000 do). */
    private static final int MOST_PUSHES = 2_000;

    @Test
    void outOfMemoryEndsTheProcessAndEveryAcknowledgedPushIsBackAfterARestart(@TempDir Path dir) throws Exception {
        String[] args = {"--persistence.file=" + dir.resolve("journal"), "--gateway.persistence.mode=journal",
                "--gateway.limits.series-total=100000000", "--gateway.export.interval=1h"};
        Path log = dir.resolve("gateway.log");
        int port = RunningGateway.freePort();
        int acknowledged = 0;
        try (GatewayProcess gateway = GatewayProcess.start(SMALL_HEAP, port, log, Map.of(), args)) {
            Process process = gateway.process();
            for (int push = 0; push < MOST_PUSHES && process.isAlive(); push++) {
                HttpResponse<String> answer;
                try {
                    answer = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.url("/metrics/job/heap/push/" + push)))
                            .timeout(Duration.ofSeconds(15)).PUT(HttpRequest.BodyPublishers.ofString(body(push))).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException closedOrTimedOut) {
                    break;
                }
                assertThat(answer.statusCode()).as("push %d, answered while the process lived: %s", push, answer.body())
                        .isEqualTo(200);
                acknowledged++;
            }

            boolean exited = process.waitFor(20, TimeUnit.SECONDS);
            assertThat(exited).as("the process ended after %d pushes of %d series (/-/healthy: %s)", acknowledged,
                    SERIES_PER_PUSH, exited ? "" : healthy(gateway)).isTrue();
            assertThat(process.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains("OutOfMemoryError");
        }
        assertThat(acknowledged).as("pushes acknowledged before the heap ran out").isPositive();

        try (GatewayProcess restarted = GatewayProcess.start(port, log, args)) {
            Map<Integer, Integer> seriesByPush = storedPushes(restarted);
            for (int push = 0; push < acknowledged; push++) {
                assertThat(seriesByPush.get(push)).as("series of acknowledged push %d", push).isEqualTo(SERIES_PER_PUSH);
            }
        }
    }

    private static String body(int push) {
        StringBuilder body = new StringBuilder("# TYPE heap_filler gauge\n");
        for (int i = 0; i < SERIES_PER_PUSH; i++) {
            body.append("heap_filler{series=\"s").append(i).append("\"} ").append(push).append('\n');
        }
        return body.toString();
    }

    private static String healthy(GatewayProcess gateway) {
        try {
            return String.valueOf(CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.url("/-/healthy")))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    /** Series stored by push number, from the group list (each push is a group of its own). */
    private static Map<Integer, Integer> storedPushes(GatewayProcess gateway) throws Exception {
        Map<Integer, Integer> series = new HashMap<>();
        JsonNode data = new ObjectMapper().readTree(gateway.get("/api/v1/groups?limit=1000&filter=heap")).get("data");
        for (JsonNode group : data.get("groups")) {
            series.put(group.get("labels").get("push").asInt(), group.get("series").asInt());
        }
        return series;
    }
}
