package stackdriver.pushgateway.pubsub;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.google.pubsub.GooglePubsubConstants;
import stackdriver.pushgateway.push.GroupingKeyPath;
import stackdriver.pushgateway.push.PushRejectedException;
import stackdriver.pushgateway.push.PushRequestReader;
import stackdriver.pushgateway.store.InconsistentPushException;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.PushRequest;

/**
 * Prepares a parsed HTTP push for publishing to the buffer topic: checks what can be checked without the store
 * (so bad input still gets its 400 at once), then makes the message: the plain body, the push's attributes,
 * and the grouping key as ordering key so the pushes of one group are applied in order.
 */
public class PushPublisher implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        PushRequest request = message.getBody(PushRequest.class);
        try {
            MetricStore.checkOnItsOwn(request);
        } catch (InconsistentPushException e) {
            throw new PushRejectedException(400, e.getMessage());
        }
        String groupingKey = GroupingKeyPath.render(request.key());
        String contentType = exchange.getProperty(PushRequestReader.CONTENT_TYPE, String.class);
        message.removeHeaders("*"); // every header left becomes a Pub/Sub attribute
        message.setHeader(PushMessage.METHOD, request.method().name());
        message.setHeader(PushMessage.GROUPING_KEY, groupingKey);
        if (contentType != null) {
            message.setHeader(PushMessage.CONTENT_TYPE, contentType);
        }
        message.setHeader(GooglePubsubConstants.ORDERING_KEY, groupingKey);
        byte[] body = exchange.getProperty(PushRequestReader.BODY, byte[].class);
        message.setBody(body == null ? new byte[0] : body);
    }
}
