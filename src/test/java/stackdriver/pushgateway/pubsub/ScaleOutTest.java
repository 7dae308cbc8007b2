package stackdriver.pushgateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.export.ExportCycle;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.PubSubEmulator;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * {@code gateway.role}: an ingest replica takes the HTTP pushes and only publishes them; a writer replica
 * consumes them from the subscription, stores them and exports. Both on Google's real Pub/Sub emulator. The ingest
 * replica forwards reads to the writer ({@code gateway.web.reads-from}), as the pushers' Service in front of it shows.
 */
class ScaleOutTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static PubSubEmulator emulator;
    private static RunningGateway ingest;
    private static RunningGateway writer;

    @BeforeAll
    static void start() throws Exception {
        emulator = PubSubEmulator.start();
        writer = RunningGateway.start("gateway.role", "writer", "gateway.buffer", "pubsub",
                "gateway.pubsub.emulator-host", emulator.host());
        ingest = RunningGateway.start("gateway.role", "ingest", "gateway.buffer", "pubsub",
                "gateway.pubsub.emulator-host", emulator.host(), "gateway.pubsub.publish-timeout", "10s",
                "gateway.web.reads-from", writer.url(""));
    }

    @AfterAll
    static void stop() throws Exception {
        ingest.close();
        writer.close();
        emulator.close();
    }

    private static boolean stored(RunningGateway gateway, String... key) {
        return gateway.gateway().store().group(GroupingKey.of(key)) != null;
    }

    private static ServiceStatus routeStatus(RunningGateway gateway, String route) {
        return gateway.gateway().camelContext().getRouteController().getRouteStatus(route);
    }

    @Test
    void theIngestReplicaPublishesAndTheWriterStoresAndExports() throws Exception {
        assertThat(ingest.send("PUT", "/metrics/job/scaled/instance/a", "# TYPE jobs_done counter\njobs_done 7\n")
                .statusCode()).isEqualTo(200);

        Poll.until("the writer applies the push", DEADLINE, () -> stored(writer, "job", "scaled", "instance", "a"));
        assertThat(writer.gateway().store().group(GroupingKey.of("job", "scaled", "instance", "a"))
                .families().get("jobs_done").family().metrics().get(0).value()).isEqualTo(7);
        assertThat(stored(ingest, "job", "scaled", "instance", "a")).as("the ingest replica keeps nothing").isFalse();

        ExportCycle.Report report = writer.gateway().export().cycle().runOnce();
        assertThat(report.notWritten()).isEmpty();
        assertThat(report.written()).as("jobs_done and the group's two push-time series").isEqualTo(3);
    }

    @Test
    void onlyTheWriterConsumesAndExports() {
        assertThat(routeStatus(writer, "export-timer")).isEqualTo(ServiceStatus.Started);
        assertThat(routeStatus(writer, "pubsub-consume")).isEqualTo(ServiceStatus.Started);
        assertThat(routeStatus(ingest, "export-timer")).isNotEqualTo(ServiceStatus.Started);
        assertThat(routeStatus(ingest, "pubsub-consume")).isNotEqualTo(ServiceStatus.Started);
    }

    @Test
    void theIngestReplicaStartsNoExportBackend() {
        assertThatThrownBy(() -> ingest.gateway().export().backend()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the export is not started");
        assertThat(writer.gateway().export().backend()).isNotNull();
    }

    @Test
    void theWriterTakesNoHttpPushes() throws Exception {
        HttpResponse<String> refused = writer.send("PUT", "/metrics/job/direct", "direct_metric 1\n");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(stored(writer, "job", "direct")).isFalse();
        assertThat(writer.send("GET", "/-/ready", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aDeleteThroughTheIngestReplicaIsAppliedByTheWriter() throws Exception {
        assertThat(ingest.send("PUT", "/metrics/job/short/instance/b", "x 1\n").statusCode()).isEqualTo(200);
        Poll.until("the writer applies the push", DEADLINE, () -> stored(writer, "job", "short", "instance", "b"));
        assertThat(ingest.send("DELETE", "/metrics/job/short/instance/b", null).statusCode()).isEqualTo(202);
        Poll.until("the writer applies the delete", DEADLINE, () -> !stored(writer, "job", "short", "instance", "b"));
    }

    @Test
    void readsThroughTheIngestReplicaShowTheWritersGroups() throws Exception {
        assertThat(ingest.send("PUT", "/metrics/job/read/instance/c", "# TYPE reads_total counter\nreads_total 3\n")
                .statusCode()).isEqualTo(200);
        Poll.until("the writer applies the push", DEADLINE, () -> stored(writer, "job", "read", "instance", "c"));

        HttpResponse<String> metrics = ingest.send("GET", "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("reads_total{instance=\"c\",job=\"read\"} 3");
        HttpResponse<String> api = ingest.send("GET", "/api/v1/metrics", null);
        assertThat(api.body()).contains("\"reads_total\"").isEqualTo(writer.send("GET", "/api/v1/metrics", null).body());
        assertThat(ingest.send("GET", "/api/v1/groups", null).body()).contains("read");
        HttpResponse<String> page = ingest.send("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(ingest.send("GET", "/static/page.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theIngestReplicaStillAnswersItsOwnHealthAndPushes() throws Exception {
        assertThat(ingest.send("GET", "/-/healthy", null).statusCode()).isEqualTo(200);
        assertThat(ingest.send("GET", "/-/ready", null).statusCode()).isEqualTo(200);
        HttpResponse<String> getOfAGroup = ingest.send("GET", "/metrics/job/read", null);
        assertThat(getOfAGroup.statusCode()).as("a push path is not a read").isEqualTo(405);
    }

    @Test
    void aWriterThatCannotBeReachedIsA502() throws Exception {
        try (RunningGateway orphan = RunningGateway.start("gateway.role", "ingest", "gateway.buffer", "pubsub",
                "gateway.pubsub.emulator-host", emulator.host(),
                "gateway.web.reads-from", "http://127.0.0.1:" + RunningGateway.freePort())) {
            assertThat(orphan.send("GET", "/metrics", null).statusCode()).isEqualTo(502);
            assertThat(orphan.send("GET", "/-/healthy", null).statusCode()).isEqualTo(200);
        }
    }
}
