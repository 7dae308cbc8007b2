package stackdriver.pushgateway.pubsub;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.google.pubsub.GooglePubsubConstants;
import stackdriver.pushgateway.ingest.PushRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a message that cannot be applied (bad body, bad grouping key, inconsistent push, or a failure on its last
 * delivery attempt) as it came, with an {@code error} attribute saying why, for the dead-letter topic: it is
 * acknowledged, so the subscription keeps flowing.
 */
public class DeadLetterMessage implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterMessage.class);
    private final java.util.concurrent.atomic.LongAdder deadLettered = new java.util.concurrent.atomic.LongAdder();

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown"
                : cause instanceof PushRejectedException ? cause.getMessage()
                : "failed on each of " + exchange.getMessage().getHeader(GooglePubsubConstants.DELIVERY_ATTEMPT)
                        + " deliveries, the last time with " + cause;
        Map<String, String> attributes = exchange.getProperty(PubSubPushReader.ORIGINAL_ATTRIBUTES, Map.class);
        Message message = exchange.getMessage();
        // Camel acknowledges the message by this header once the exchange completes: without it, the message was
        // never acknowledged, and Pub/Sub delivered it (and it was dead-lettered) again after each ack deadline
        Object ackId = message.getHeader(GooglePubsubConstants.ACK_ID);
        message.removeHeaders("*");
        message.setHeader(GooglePubsubConstants.ACK_ID, ackId);
        if (attributes != null) {
            attributes.forEach(message::setHeader);
        }
        message.setHeader(PushMessage.ERROR, reason);
        message.setBody(exchange.getProperty(PubSubPushReader.ORIGINAL_BODY, byte[].class));
        deadLettered.increment();
        LOG.warn("push message dead-lettered: {} (attributes {})", reason, attributes);
    }

    public long deadLettered() {
        return deadLettered.sum();
    }
}
