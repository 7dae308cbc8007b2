package stackdriver.pushgateway.pubsub;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.google.pubsub.GooglePubsubComponent;
import org.apache.camel.component.google.pubsub.GooglePubsubConstants;
import org.apache.camel.component.google.pubsub.GooglePubsubEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.push.PushRejectedException;

/**
 * A publish that Pub/Sub did not confirm becomes a 503 for the pusher. The Java publisher pauses an ordering key
 * after a failed publish until told to resume, and Camel's producer never does: we resume it here, so the group
 * publishes again as soon as Pub/Sub is back.
 */
public class PublishFailure implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PublishFailure.class);
    private final PubSubSettings settings;

    public PublishFailure(PubSubSettings settings) {
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String orderingKey = exchange.getMessage().getHeader(GooglePubsubConstants.ORDERING_KEY, String.class);
        if (orderingKey != null) {
            GooglePubsubEndpoint endpoint = exchange.getContext().getEndpoint(settings.publishUri(), GooglePubsubEndpoint.class);
            GooglePubsubComponent component = exchange.getContext().getComponent("google-pubsub", GooglePubsubComponent.class);
            component.getPublisher(settings.topicName(), endpoint).resumePublish(orderingKey);
        }
        LOG.warn("Pub/Sub did not confirm a push: {}", cause == null ? "unknown" : cause.toString());
        throw new PushRejectedException(503, "Pub/Sub did not confirm the push, nothing was stored: "
                + (cause == null ? "unknown" : rootMessage(cause)));
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
