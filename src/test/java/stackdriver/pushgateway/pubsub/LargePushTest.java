package stackdriver.pushgateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.pubsub.v1.ReceivedMessage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.PubSubEmulator;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * Pushes near Pub/Sub's 10 MB message limit, on Google's Pub/Sub emulator: the body is published as it came, so a
 * gzipped push fits; one that does not fit is refused with a 413 at once, and nothing is published.
 */
class LargePushTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static PubSubEmulator emulator;
    private static RunningGateway gateway;
    private static PubSubClients clients;

    @BeforeAll
    static void start() throws Exception {
        emulator = PubSubEmulator.start();
        gateway = RunningGateway.start("gateway.buffer", "pubsub", "gateway.pubsub.emulator-host", emulator.host());
        clients = new PubSubClients(emulator.host(), "local-project");
        clients.subscribe("pushgateway-pushes", "audit");
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        gateway.close();
        emulator.close();
    }

    /** Text of about {@code bytes} bytes, 100 bytes a series. */
    private static byte[] text(int bytes) {
        StringBuilder body = new StringBuilder(bytes + 200).append("# TYPE large_push_bytes gauge\n");
        for (int i = 0; body.length() < bytes; i++) {
            body.append(String.format("large_push_bytes{shard=\"%08d\",path=\"/a/rather/long/request/path/of/a/service\"} %d%n",
                    i, i));
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        }
        return out.toByteArray();
    }

    private static HttpResponse<String> push(String job, byte[] body, String encoding) throws Exception {
        HttpRequest.Builder request = gateway.request("/metrics/job/" + job).timeout(DEADLINE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return gateway.send(request.build());
    }

    @Test
    void aThirtyMegabyteTextPushGzippedUnderTheLimitGoesThroughPubSubStillGzipped() throws Exception {
        byte[] plain = text(30_000_000);
        byte[] gzipped = gzip(plain);
        assertThat(gzipped.length).isLessThan(PushMessage.MAX_BYTES);

        assertThat(push("large", gzipped, "gzip").statusCode()).isEqualTo(200);

        Poll.until("the writer applies the push", DEADLINE,
                () -> gateway.gateway().store().group(GroupingKey.of("job", "large")) != null);
        Group group = gateway.gateway().store().group(GroupingKey.of("job", "large"));
        int series = plain.length / 100;
        assertThat(group.families().get("large_push_bytes").family().metrics()).hasSizeGreaterThanOrEqualTo(series);
        List<ReceivedMessage> published = clients.pull("audit");
        assertThat(published).hasSize(1);
        assertThat(published.get(0).getMessage().getAttributesMap()).containsEntry("content_encoding", "gzip");
        assertThat(published.get(0).getMessage().getData().size()).isEqualTo(gzipped.length);
    }

    @Test
    void aPushThatDoesNotFitInAMessageIs413NamingTheLimitAndIsNotPublished() throws Exception {
        HttpResponse<String> response = push("too-large", text(11_000_000), null);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("Pub/Sub's limit of " + PushMessage.MAX_BYTES + " bytes a message");
        assertThat(gateway.gateway().store().group(GroupingKey.of("job", "too-large"))).isNull();
        assertThat(clients.pull("audit")).noneMatch(message ->
                message.getMessage().getAttributesMap().get("grouping_key").contains("too-large"));
    }
}
