package stackdriver.pushgateway.pubsub;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import stackdriver.pushgateway.push.PushRequestCounter;

/** Answers an HTTP push once Pub/Sub confirmed its publish: 200, or 202 for a delete, as the Pushgateway. */
public class PushAcknowledger implements org.apache.camel.Processor {

    private final PushRequestCounter counter;

    public PushAcknowledger(PushRequestCounter counter) {
        this.counter = counter;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String method = message.getHeader(PushMessage.METHOD, String.class);
        int code = "DELETE".equals(method) ? 202 : 200;
        counter.count(code, method);
        message.removeHeaders("*");
        message.setBody(null);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, code);
    }
}
