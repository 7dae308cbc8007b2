package stackdriver.pushgateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.PubSubEmulator;
import stackdriver.pushgateway.support.RunningGateway;
import stackdriver.pushgateway.support.TestClock;

/**
 * A writer takes a push's time from its message (the ingest replica's clock when it accepted the push, else Pub/Sub's
 * publish time), never from when it applies it; on Google's Pub/Sub emulator.
 */
class MessageTimeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Instant ACCEPTED = Instant.parse("2026-11-24T10:00:00.250Z");
    private static PubSubEmulator emulator;
    private static RunningGateway ingest;
    private static RunningGateway writer;
    private static PubSubClients clients;

    @BeforeAll
    static void start() throws Exception {
        emulator = PubSubEmulator.start();
        ingest = RunningGateway.start(new TestClock(ACCEPTED), "gateway.role", "ingest", "gateway.buffer", "pubsub",
                "gateway.pubsub.emulator-host", emulator.host());
        writer = RunningGateway.start("gateway.role", "writer", "gateway.buffer", "pubsub",
                "gateway.pubsub.emulator-host", emulator.host());
        clients = new PubSubClients(emulator.host(), "local-project");
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        ingest.close();
        writer.close();
        emulator.close();
    }

    private static Group appliedGroup(String... key) throws Exception {
        Poll.until("the writer applies the push", DEADLINE, () -> writer.gateway().store().group(GroupingKey.of(key)) != null);
        return writer.gateway().store().group(GroupingKey.of(key));
    }

    @Test
    void thePushTimeAndCounterStartAreWhenTheIngestReplicaAcceptedThePush() throws Exception {
        assertThat(ingest.send("PUT", "/metrics/job/timed", "# TYPE done_total counter\ndone_total 3\n").statusCode())
                .isEqualTo(200);

        Group group = appliedGroup("job", "timed");
        assertThat(group.lastPush()).isEqualTo(ACCEPTED);
        assertThat(group.families().get("done_total").since()).isEqualTo(ACCEPTED);
    }

    @Test
    void aMessageWithoutAcceptedAtTakesPubSubsPublishTime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        clients.publish("pushgateway-pushes", "x 1\n", Map.of("grouping_key", "/job/app-published"));
        Instant after = Instant.now().plusSeconds(1);

        assertThat(appliedGroup("job", "app-published").lastPush()).isBetween(before, after);
    }

    @Test
    void aPostRedeliveredAfterALaterPutDoesNotBringBackWhatThePutRemoved() throws Exception {
        clients.publish("pushgateway-pushes", "removed 1\n", Map.of("grouping_key", "/job/redelivered", "method", "POST",
                "accepted_at", "2026-11-24T10:00:00Z"));
        clients.publish("pushgateway-pushes", "kept 2\n", Map.of("grouping_key", "/job/redelivered", "method", "PUT",
                "accepted_at", "2026-11-24T10:01:00Z"));
        Poll.until("the PUT is applied", DEADLINE, () -> writer.gateway().store().group(GroupingKey.of("job", "redelivered")) != null
                && writer.gateway().store().group(GroupingKey.of("job", "redelivered")).families().containsKey("kept"));

        // the POST once more, as Pub/Sub redelivers a message whose acknowledgement was lost
        clients.publish("pushgateway-pushes", "removed 1\n", Map.of("grouping_key", "/job/redelivered", "method", "POST",
                "accepted_at", "2026-11-24T10:00:00Z"));
        clients.publish("pushgateway-pushes", "marker 1\n", Map.of("grouping_key", "/job/redelivered", "method", "POST",
                "accepted_at", "2026-11-24T10:02:00Z"));
        Poll.until("the later POST is applied", DEADLINE,
                () -> writer.gateway().store().group(GroupingKey.of("job", "redelivered")).families().containsKey("marker"));

        assertThat(writer.gateway().store().group(GroupingKey.of("job", "redelivered")).families())
                .containsOnlyKeys("kept", "marker");
    }
}
