package stackdriver.pushgateway.pubsub;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.google.pubsub.GooglePubsubConstants;
import stackdriver.pushgateway.ingest.DecodedPush;
import stackdriver.pushgateway.ingest.PushDecoder;
import stackdriver.pushgateway.ingest.PushRejectedException;

/**
 * Turns a message of the push topic into a {@link stackdriver.pushgateway.store.PushRequest}, as an HTTP push
 * would be. The original body and attributes stay on the exchange so a bad message can be dead-lettered as it came.
 */
public class PubSubPushReader implements Processor {

    public static final String ORIGINAL_BODY = "gatewayOriginalBody";
    public static final String ORIGINAL_ATTRIBUTES = "gatewayOriginalAttributes";

    private final PushDecoder decoder;

    public PubSubPushReader(PushDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        Map<String, String> attributes = message.getHeader(GooglePubsubConstants.ATTRIBUTES, Map.class);
        if (attributes == null) {
            attributes = Map.of();
        }
        exchange.setProperty(ORIGINAL_BODY, body);
        exchange.setProperty(ORIGINAL_ATTRIBUTES, attributes);
        String groupingKey = attributes.get(PushMessage.GROUPING_KEY);
        if (groupingKey == null || groupingKey.isBlank()) {
            throw new PushRejectedException(400, "message has no " + PushMessage.GROUPING_KEY
                    + " attribute (e.g. /job/my_job/instance/host1)");
        }
        String path = groupingKey.startsWith("/") ? groupingKey : "/" + groupingKey;
        DecodedPush push = decoder.decode(attributes.getOrDefault(PushMessage.METHOD, "POST"), path, body,
                attributes.get(PushMessage.CONTENT_TYPE), attributes.get(PushMessage.CONTENT_ENCODING));
        message.setBody(push.request().at(acceptedAt(attributes, message.getHeader(GooglePubsubConstants.PUBLISH_TIME))));
    }

    /** The message's {@code accepted_at}, else when Pub/Sub took it: never when it is applied, which replicas differ on. */
    private static Instant acceptedAt(Map<String, String> attributes, Object publishTime) {
        String acceptedAt = attributes.get(PushMessage.ACCEPTED_AT);
        if (acceptedAt != null) {
            try {
                return Instant.parse(acceptedAt);
            } catch (DateTimeParseException e) {
                throw new PushRejectedException(400, "attribute " + PushMessage.ACCEPTED_AT + " \"" + acceptedAt
                        + "\" is not an RFC 3339 time such as 2024-05-01T12:00:00.123Z");
            }
        }
        if (publishTime instanceof Timestamp timestamp) {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        }
        throw new IllegalStateException("a Pub/Sub message without its publish time");
    }
}
