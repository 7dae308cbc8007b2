package stackdriver.pushgateway.http;

import org.apache.camel.Exchange;
import stackdriver.pushgateway.store.PushRequest;

/**
 * Answers an HTTP push once it was applied, or published when Pub/Sub buffers it: 200, or 202 for a delete, as
 * the Pushgateway does.
 */
public class PushAnswer implements org.apache.camel.Processor {

    @Override
    public void process(Exchange exchange) {
        PushRequest request = exchange.getMessage().getBody(PushRequest.class);
        Answer.empty(exchange.getMessage(), request != null && request.method() == PushRequest.Method.DELETE ? 202 : 200);
    }
}
