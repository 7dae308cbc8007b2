package stackdriver.pushgateway.pubsub;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Google's own Pub/Sub clients pointed at the emulator: what an app that publishes metrics would use. */
final class PubSubClients implements AutoCloseable {

    private final ManagedChannel channel;
    private final FixedTransportChannelProvider transport;
    private final String project;

    PubSubClients(String emulatorHost, String project) {
        this.channel = ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build();
        this.transport = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
        this.project = project;
    }

    void publish(String topic, String body, Map<String, String> attributes) throws Exception {
        Publisher publisher = Publisher.newBuilder(TopicName.of(project, topic)).setChannelProvider(transport)
                .setCredentialsProvider(NoCredentialsProvider.create()).build();
        try {
            publisher.publish(PubsubMessage.newBuilder().setData(ByteString.copyFrom(body, StandardCharsets.UTF_8))
                    .putAllAttributes(attributes).build()).get(30, TimeUnit.SECONDS);
        } finally {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** A subscription of our own on a topic, to see what was published to it. */
    void subscribe(String topic, String subscription) throws Exception {
        try (SubscriptionAdminClient admin = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(transport).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            admin.createSubscription(Subscription.newBuilder()
                    .setName("projects/" + project + "/subscriptions/" + subscription)
                    .setTopic(TopicName.of(project, topic).toString()).setAckDeadlineSeconds(60).build());
        }
    }

    /** Pulls and acknowledges what is there now (possibly nothing). */
    List<ReceivedMessage> pull(String subscription) throws Exception {
        try (SubscriberStub stub = GrpcSubscriberStub.create(SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(transport).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            String name = "projects/" + project + "/subscriptions/" + subscription;
            List<ReceivedMessage> messages = stub.pullCallable().call(PullRequest.newBuilder().setSubscription(name)
                    .setMaxMessages(100).setReturnImmediately(true).build()).getReceivedMessagesList();
            if (!messages.isEmpty()) {
                stub.acknowledgeCallable().call(AcknowledgeRequest.newBuilder().setSubscription(name)
                        .addAllAckIds(messages.stream().map(ReceivedMessage::getAckId).toList()).build());
            }
            return messages;
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
    }
}
