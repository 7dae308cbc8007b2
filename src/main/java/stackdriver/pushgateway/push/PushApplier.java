package stackdriver.pushgateway.push;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.store.InconsistentPushException;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.PushRequest;

/** Applies a {@link PushRequest} to the store and answers as the Pushgateway: 200 for pushes, 202 for deletes. */
public class PushApplier implements Processor {

    private final GroupStore store;
    private final PushRequestCounter counter;

    public PushApplier(GroupStore store, PushRequestCounter counter) {
        this.store = store;
        this.counter = counter;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        PushRequest request = message.getBody(PushRequest.class);
        try {
            store.apply(request);
        } catch (InconsistentPushException e) {
            throw new PushRejectedException(400, e.getMessage());
        }
        int code = request.method() == PushRequest.Method.DELETE ? 202 : 200;
        counter.count(code, request.method().name());
        message.removeHeaders("*");
        message.setBody(null);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, code);
    }
}
