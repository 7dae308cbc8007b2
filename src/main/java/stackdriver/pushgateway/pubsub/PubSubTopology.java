package stackdriver.pushgateway.pubsub;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.ExpirationPolicy;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the push topic, its ordered subscription and the dead-letter topic when they do not exist yet. */
public final class PubSubTopology {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubTopology.class);

    private PubSubTopology() {
    }

    public static void create(PubSubSettings settings) throws IOException {
        ManagedChannel channel = settings.onEmulator()
                ? ManagedChannelBuilder.forTarget(settings.emulatorHost()).usePlaintext().build() : null;
        try {
            TopicAdminSettings.Builder topicSettings = TopicAdminSettings.newBuilder();
            SubscriptionAdminSettings.Builder subscriptionSettings = SubscriptionAdminSettings.newBuilder();
            if (channel != null) {
                FixedTransportChannelProvider transport = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
                CredentialsProvider none = NoCredentialsProvider.create();
                topicSettings.setTransportChannelProvider(transport).setCredentialsProvider(none);
                subscriptionSettings.setTransportChannelProvider(transport).setCredentialsProvider(none);
            }
            try (TopicAdminClient topics = TopicAdminClient.create(topicSettings.build());
                 SubscriptionAdminClient subscriptions = SubscriptionAdminClient.create(subscriptionSettings.build())) {
                TopicName topic = TopicName.of(settings.projectId(), settings.topic());
                createTopic(topics, topic);
                createTopic(topics, TopicName.of(settings.projectId(), settings.deadLetterTopic()));
                try {
                    subscriptions.createSubscription(Subscription.newBuilder()
                            .setName(SubscriptionName.of(settings.projectId(), settings.subscription()).toString())
                            .setTopic(topic.toString()).setEnableMessageOrdering(true)
                            // the consumer extends deadlines while it works; a short one redelivers soon after a crash
                            .setAckDeadlineSeconds(10)
                            // a message that keeps failing is retried with backoff, then leaves for the dead-letter
                            // topic, so its group's later pushes wait no longer than that
                            .setRetryPolicy(RetryPolicy.newBuilder()
                                    .setMinimumBackoff(protoDuration(settings.retryBackoff()))
                                    .setMaximumBackoff(protoDuration(PubSubSettings.MAX_BACKOFF)))
                            .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                                    .setDeadLetterTopic(TopicName.of(settings.projectId(), settings.deadLetterTopic()).toString())
                                    .setMaxDeliveryAttempts(settings.maxDeliveryAttempts()))
                            // a replica's own subscription goes when the replica is gone for good (Pub/Sub's
                            // shortest expiry, a day without a pull); a subscription that expired while its replica
                            // was away for longer is made again, empty, at its next start
                            .setExpirationPolicy(ExpirationPolicy.newBuilder()
                                    .setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(86_400)))
                            .build());
                    LOG.info("created Pub/Sub subscription {}", settings.subscription());
                } catch (AlreadyExistsException exists) {
                    LOG.debug("Pub/Sub subscription {} exists", settings.subscription());
                }
            }
        } finally {
            if (channel != null) {
                channel.shutdownNow();
                try {
                    channel.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static com.google.protobuf.Duration protoDuration(java.time.Duration duration) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
    }

    private static void createTopic(TopicAdminClient topics, TopicName name) {
        try {
            topics.createTopic(name);
            LOG.info("created Pub/Sub topic {}", name.getTopic());
        } catch (AlreadyExistsException exists) {
            LOG.debug("Pub/Sub topic {} exists", name.getTopic());
        }
    }
}
