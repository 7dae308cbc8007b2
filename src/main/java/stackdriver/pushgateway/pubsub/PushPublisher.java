package stackdriver.pushgateway.pubsub;

import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.google.pubsub.GooglePubsubComponent;
import org.apache.camel.component.google.pubsub.GooglePubsubEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.ingest.GroupingKeyPath;
import stackdriver.pushgateway.ingest.PushRejectedException;
import stackdriver.pushgateway.ingest.DecodedPush;
import stackdriver.pushgateway.store.InconsistentPushException;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.PushRequest;

/**
 * Publishes a parsed HTTP push to the buffer topic and returns once Pub/Sub confirmed it. What can be checked
 * without the store is checked first, so bad input still gets its 400 at once, and a push too large for a message
 * its 413. The body is published as it came (gzip stays gzip): a large push fits in a message only compressed.
 * The grouping key is the ordering key, so the pushes of one group are applied in order.
 *
 * <p>Camel's google-pubsub producer waits for the confirmation without a bound and never resumes an ordering key
 * after a failed publish; this step uses the same component's publisher (same emulator and credential settings),
 * bounds the wait by {@code gateway.pubsub.publish-timeout}, answers 503 when it runs out, and resumes the key.
 */
public class PushPublisher implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PushPublisher.class);
    private final PubSubSettings settings;
    private final Clock clock;

    /** @param clock when a push is accepted, carried in its message */
    public PushPublisher(PubSubSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        PushRequest request = message.getBody(PushRequest.class);
        try {
            MetricStore.checkOnItsOwn(request);
        } catch (InconsistentPushException e) {
            throw new PushRejectedException(400, e.getMessage());
        }
        String groupingKey = GroupingKeyPath.render(request.key());
        PubsubMessage.Builder pubsubMessage = PubsubMessage.newBuilder()
                .putAttributes(PushMessage.METHOD, request.method().name())
                .putAttributes(PushMessage.GROUPING_KEY, groupingKey)
                .putAttributes(PushMessage.ACCEPTED_AT, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString())
                .setOrderingKey(groupingKey);
        DecodedPush decoded = exchange.getProperty(DecodedPush.PROPERTY, DecodedPush.class);
        if (decoded.contentType() != null) {
            pubsubMessage.putAttributes(PushMessage.CONTENT_TYPE, decoded.contentType());
        }
        if (decoded.contentEncoding() != null) {
            pubsubMessage.putAttributes(PushMessage.CONTENT_ENCODING, decoded.contentEncoding());
        }
        pubsubMessage.setData(ByteString.copyFrom(decoded.body()));
        int size = pubsubMessage.build().getSerializedSize();
        if (size > PushMessage.MAX_BYTES) {
            // a retry can never fix this: refused at once, not after the publish timeout
            throw new PushRejectedException(413, "push is " + size + " bytes as a Pub/Sub message, more than Pub/Sub's"
                    + " limit of " + PushMessage.MAX_BYTES + " bytes a message: compress it (Content-Encoding: gzip)"
                    + " or split it into several groups");
        }

        Publisher publisher = publisher(exchange);
        try {
            String id = publisher.publish(pubsubMessage.build())
                    .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("published push {} as message {}", groupingKey, id);
        } catch (Exception e) {
            publisher.resumePublish(groupingKey);
            LOG.warn("Pub/Sub did not confirm a push to {}: {}", request.key(), e.toString());
            throw new PushRejectedException(503, "Pub/Sub did not confirm the push within "
                    + settings.publishTimeout().toSeconds() + "s, push again: " + rootMessage(e));
        }
    }

    private Publisher publisher(Exchange exchange) throws Exception {
        GooglePubsubEndpoint endpoint = exchange.getContext().getEndpoint(settings.publishUri(), GooglePubsubEndpoint.class);
        GooglePubsubComponent component = exchange.getContext().getComponent("google-pubsub", GooglePubsubComponent.class);
        return component.getPublisher(settings.topicName(), endpoint);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
