package stackdriver.pushgateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.pubsub.v1.ReceivedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.PubSubEmulator;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * A push that fails in the writer for another reason than bad input (here a route step of the user's that throws)
 * is retried, then dead-lettered with the reason after {@code gateway.pubsub.max-delivery-attempts}, and the group's
 * later pushes are applied; on Google's Pub/Sub emulator.
 */
class WriterFailureTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void aPushThatKeepsFailingIsDeadLetteredWithTheReasonAndTheGroupsLaterPushesAreApplied(@TempDir Path routes)
            throws Exception {
        for (Path file : Files.newDirectoryStream(Path.of("routes"), "*.yaml")) {
            Files.copy(file, routes.resolve(file.getFileName()));
        }
        Path push = routes.resolve("push.yaml");
        String edited = Files.readString(push).replace("        - process:\n            ref: pushApplier",
                "        - filter:\n"
                        + "            simple: \"${body.families[0].name} == 'failing'\"\n"
                        + "            steps:\n"
                        + "              - throwException:\n"
                        + "                  exceptionType: java.lang.IllegalStateException\n"
                        + "                  message: a step of the user's failed\n"
                        + "        - process:\n            ref: pushApplier");
        assertThat(edited).contains("throwException");
        Files.writeString(push, edited);

        try (PubSubEmulator emulator = PubSubEmulator.start();
             RunningGateway gateway = RunningGateway.start("gateway.routes.directory", routes.toString(),
                     "gateway.buffer", "pubsub", "gateway.pubsub.emulator-host", emulator.host(),
                     "gateway.pubsub.max-delivery-attempts", "5", "gateway.pubsub.retry-backoff", "0s");
             PubSubClients clients = new PubSubClients(emulator.host(), "local-project")) {
            clients.subscribe("pushgateway-dead-letters", "dead-letter-audit");

            assertThat(gateway.send("POST", "/metrics/job/poisoned", "failing 1\n").statusCode()).isEqualTo(200);
            assertThat(gateway.send("PUT", "/metrics/job/poisoned", "later 2\n").statusCode()).isEqualTo(200);

            Poll.until("the group's later push is applied", DEADLINE,
                    () -> gateway.gateway().store().group(GroupingKey.of("job", "poisoned")) != null);
            assertThat(gateway.gateway().store().group(GroupingKey.of("job", "poisoned")).families())
                    .containsOnlyKeys("later");
            List<ReceivedMessage> dead = new ArrayList<>();
            Poll.until("the failing push is dead-lettered", DEADLINE, () -> {
                dead.addAll(clients.pull("dead-letter-audit"));
                return !dead.isEmpty();
            });
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getMessage().getData().toStringUtf8()).isEqualTo("failing 1\n");
            assertThat(dead.get(0).getMessage().getAttributesMap().get("error"))
                    .startsWith("failed on each of 5 deliveries").contains("a step of the user's failed");
        }
    }
}
