package stackdriver.pushgateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.ReceivedMessage;
import java.time.Instant;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import stackdriver.pushgateway.export.MonitoringBackend;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.PubSubEmulator;
import stackdriver.pushgateway.support.RunningGateway;

/** Pushes buffered through Google's real Pub/Sub emulator, and metrics published straight to the topic. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PubSubBufferingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static PubSubEmulator emulator;
    private static RunningGateway gateway;
    private static PubSubClients clients;

    @BeforeAll
    static void start() throws Exception {
        emulator = PubSubEmulator.start();
        gateway = RunningGateway.start("gateway.buffer", "pubsub", "gateway.pubsub.emulator-host", emulator.host(),
                "gateway.pubsub.publish-timeout", "10s");
        clients = new PubSubClients(emulator.host(), "local-project");
        clients.subscribe("pushgateway-pushes", "audit");
        clients.subscribe("pushgateway-dead-letters", "dead-letter-audit");
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        gateway.close();
        emulator.close();
    }

    private static boolean stored(String... key) {
        return gateway.gateway().store().group(GroupingKey.of(key)) != null;
    }

    private static List<ReceivedMessage> pullUntil(String subscription, int count) throws Exception {
        List<ReceivedMessage> received = new ArrayList<>();
        Poll.until(count + " messages on " + subscription, DEADLINE, () -> {
            received.addAll(clients.pull(subscription));
            return received.size() >= count;
        });
        return received;
    }

    @Test
    @Order(0)
    void readsThePubSubRouteFile() {
        assertThat(gateway.gateway().camelContext().getRoute("pubsub-publish")).isNotNull();
        assertThat(gateway.gateway().camelContext().getRoute("pubsub-consume")).isNotNull();
    }

    @Test
    @Order(1)
    void httpPushIsPublishedThenApplied() throws Exception {
        assertThat(gateway.send("PUT", "/metrics/job/buffered/instance/i1", "buffered_metric 42\n").statusCode()).isEqualTo(200);
        ReceivedMessage message = pullUntil("audit", 1).get(0);
        assertThat(message.getMessage().getAttributesMap()).containsEntry("method", "PUT")
                .containsKey("grouping_key").doesNotContainKey("User-Agent");
        assertThat(message.getMessage().getOrderingKey()).isEqualTo(message.getMessage().getAttributesMap().get("grouping_key"));
        assertThat(message.getMessage().getData().toStringUtf8()).isEqualTo("buffered_metric 42\n");
        Poll.until("the push is in the store", DEADLINE, () -> stored("job", "buffered", "instance", "i1"));
        assertThat(gateway.gateway().store().group(GroupingKey.of("job", "buffered", "instance", "i1"))
                .families().get("buffered_metric").family().metrics().get(0).value()).isEqualTo(42);
        assertThat(exportedValue("prometheus.googleapis.com/buffered_metric/unknown", "buffered")).isEqualTo(42);
    }

    /** Runs one export interval and reads the newest point of the job's series back from the Cloud Monitoring emulator. */
    private static double exportedValue(String metricType, String job) throws Exception {
        gateway.gateway().export().cycle().runOnce();
        MonitoringBackend backend = gateway.gateway().export().backend();
        try (MetricServiceClient client = MonitoringBackend.plaintextClient("127.0.0.1:" + gateway.emulator().port())) {
            Instant now = Instant.now();
            ListTimeSeriesRequest request = ListTimeSeriesRequest.newBuilder().setName(backend.project().toString())
                    .setFilter("metric.type = \"" + metricType + "\" AND resource.labels.job = \"" + job + "\"")
                    .setInterval(TimeInterval.newBuilder()
                            .setStartTime(Timestamp.newBuilder().setSeconds(now.minusSeconds(3600).getEpochSecond()))
                            .setEndTime(Timestamp.newBuilder().setSeconds(now.plusSeconds(3600).getEpochSecond())))
                    .build();
            List<TimeSeries> series = new ArrayList<>();
            client.listTimeSeries(request).iterateAll().forEach(series::add);
            assertThat(series).as(metricType + " of job " + job).hasSize(1);
            return series.get(0).getPoints(0).getValue().getDoubleValue();
        }
    }

    @Test
    @Order(2)
    void badInputIsStill400AtOnceAndNotPublished() throws Exception {
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/buffered-bad", "x{\n");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("text format parsing error in line 1");
        assertThat(gateway.send("PUT", "/metrics/job/buffered-bad", "x 1 1000\n").statusCode()).isEqualTo(400);
        assertThat(gateway.send("PUT", "/metrics/job/buffered-good", "x 1\n").statusCode()).isEqualTo(200);
        List<ReceivedMessage> received = pullUntil("audit", 1);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getMessage().getData().toStringUtf8()).isEqualTo("x 1\n");
    }

    @Test
    @Order(3)
    void deleteIsBufferedToo() throws Exception {
        assertThat(gateway.send("PUT", "/metrics/job/short-lived", "x 1\n").statusCode()).isEqualTo(200);
        assertThat(gateway.send("DELETE", "/metrics/job/short-lived", null).statusCode()).isEqualTo(202);
        pullUntil("audit", 2);
        Poll.until("both applied in order", DEADLINE, () -> !stored("job", "short-lived")
                && gateway.gateway().store().group(GroupingKey.of("job", "buffered-good")) != null);
    }

    @Test
    @Order(4)
    void appsPublishStraightToTheTopicAndBadMessagesAreDeadLettered() throws Exception {
        clients.publish("pushgateway-pushes", "x{", Map.of("grouping_key", "/job/app/instance/broken"));
        clients.publish("pushgateway-pushes", "# TYPE orders_total counter\norders_total 17\n",
                Map.of("grouping_key", "/job/app/instance/shop", "method", "PUT"));
        Poll.until("the good message is applied", DEADLINE, () -> stored("job", "app", "instance", "shop"));
        assertThat(exportedValue("prometheus.googleapis.com/orders_total/counter", "app")).isEqualTo(17);
        ReceivedMessage dead = pullUntil("dead-letter-audit", 1).get(0);
        assertThat(dead.getMessage().getAttributesMap()).containsEntry("grouping_key", "/job/app/instance/broken")
                .hasEntrySatisfying("error", error -> assertThat(error).startsWith("text format parsing error in line 1"))
                .doesNotContainKey("CamelGooglePubsubMsgAckId");
        assertThat(dead.getMessage().getData().toStringUtf8()).isEqualTo("x{");
        assertThat(stored("job", "app", "instance", "broken")).isFalse();
    }

    @Test
    @Order(5)
    void messageWithoutGroupingKeyIsDeadLettered() throws Exception {
        clients.publish("pushgateway-pushes", "x 1\n", Map.of());
        ReceivedMessage dead = pullUntil("dead-letter-audit", 1).get(0);
        assertThat(dead.getMessage().getAttributesMap().get("error")).contains("grouping_key");
    }

    @Test
    @Order(5)
    void aRedeliveredMessageChangesNothing() throws Exception {
        Map<String, String> post = Map.of("grouping_key", "/job/redelivered", "method", "POST");
        clients.publish("pushgateway-pushes", "a 1\n", Map.of("grouping_key", "/job/redelivered", "method", "PUT"));
        Poll.until("the PUT is applied", DEADLINE, () -> stored("job", "redelivered"));
        clients.publish("pushgateway-pushes", "b 2\n", post);
        clients.publish("pushgateway-pushes", "b 2\n", post); // the same message once more, as a redelivery
        Poll.until("the pushes are applied", DEADLINE, () -> stored("job", "redelivered")
                && gateway.gateway().store().group(GroupingKey.of("job", "redelivered")).families().size() == 2);
        var families = gateway.gateway().store().group(GroupingKey.of("job", "redelivered")).families();
        assertThat(families.get("a").family().metrics().get(0).value()).isEqualTo(1);
        assertThat(families.get("b").family().metrics()).hasSize(1);
        assertThat(families.get("b").family().metrics().get(0).value()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void pubSubDownIsA503AndTheGatewayRecoversByItself() throws Exception {
        emulator.stop();
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/outage", "x 1\n");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).startsWith("Pub/Sub did not confirm the push within 10s");
        assertThat(gateway.send("GET", "/-/healthy", null).statusCode()).isEqualTo(200);

        emulator.startProcess(); // the emulator forgets its topics: create them as they would still exist on Pub/Sub
        PubSubTopology.create(new PubSubSettings("local-project", "pushgateway-pushes", "pushgateway-writer",
                "pushgateway-dead-letters", emulator.host(), true, Duration.ofSeconds(10)));
        Poll.until("pushes are accepted again", DEADLINE,
                () -> gateway.send("PUT", "/metrics/job/outage", "x 2\n").statusCode() == 200);
        Poll.until("and applied again", DEADLINE, () -> stored("job", "outage"));
    }
}
