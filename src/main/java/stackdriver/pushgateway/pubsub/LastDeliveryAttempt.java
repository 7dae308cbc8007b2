package stackdriver.pushgateway.pubsub;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.component.google.pubsub.GooglePubsubConstants;

/**
 * Whether a message that failed is on its last delivery ({@code gateway.pubsub.max-delivery-attempts}): it then goes
 * to the dead-letter topic with the reason, instead of being left to Pub/Sub's dead-letter policy, which forwards it
 * without one. Pub/Sub counts attempts only on a subscription with a dead-letter policy (0 otherwise: never last).
 */
public class LastDeliveryAttempt implements Predicate {

    private final int maxDeliveryAttempts;

    public LastDeliveryAttempt(int maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    @Override
    public boolean matches(Exchange exchange) {
        Integer attempt = exchange.getMessage().getHeader(GooglePubsubConstants.DELIVERY_ATTEMPT, Integer.class);
        return attempt != null && attempt >= maxDeliveryAttempts;
    }
}
