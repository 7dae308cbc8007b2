package stackdriver.pushgateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.pubsub.v1.PullRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.Map;
import org.apache.camel.component.google.pubsub.GooglePubsubEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.PubSubEmulator;

/** The stubs Camel's synchronous consumer asks for, one per pull and per acknowledgement, share one connection. */
class SharedConnectionPubsubComponentTest {

    private static PubSubEmulator emulator;
    private static PubSubClients clients;

    @BeforeAll
    static void start() throws Exception {
        emulator = PubSubEmulator.start();
        clients = new PubSubClients(emulator.host(), "shared-stub");
        clients.subscribe(createTopic(), "pulls");
    }

    private static String createTopic() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(emulator.host()).usePlaintext().build();
        try (TopicAdminClient topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                .setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            topics.createTopic("projects/shared-stub/topics/pushes");
        } finally {
            channel.shutdownNow();
        }
        return "pushes";
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        emulator.close();
    }

    @Test
    void everyPullAndAcknowledgementOfAnEndpointGoesThroughOneStubThatOutlivesTheirClose() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            SharedConnectionPubsubComponent component = new SharedConnectionPubsubComponent();
            component.setEndpoint(emulator.host());
            component.setAuthenticate(false);
            context.addComponent("google-pubsub", component);
            context.start();
            GooglePubsubEndpoint endpoint = context.getEndpoint("google-pubsub:shared-stub:pulls?synchronousPull=true",
                    GooglePubsubEndpoint.class);

            SubscriberStub forAPull = component.getSubscriberStub(endpoint);
            SubscriberStub forAnAck = component.getSubscriberStub(endpoint);
            assertThat(forAnAck.pullCallable()).as("the same stub's callables").isSameAs(forAPull.pullCallable());
            assertThat(forAnAck.acknowledgeCallable()).isSameAs(forAPull.acknowledgeCallable());

            forAPull.close();
            clients.publish("pushes", "x 1\n", Map.of());
            assertThat(forAnAck.isShutdown()).isFalse();
            assertThat(forAnAck.pullCallable().call(PullRequest.newBuilder()
                    .setSubscription("projects/shared-stub/subscriptions/pulls").setMaxMessages(10).build())
                    .getReceivedMessagesCount()).as("a pull after another stub of the endpoint was closed").isEqualTo(1);

            context.stop();
            assertThat(forAnAck.isShutdown()).as("closed with the component").isTrue();
        }
    }
}
