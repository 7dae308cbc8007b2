package stackdriver.pushgateway.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import stackdriver.pushgateway.store.InconsistentPushException;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.PushRequest;
import stackdriver.pushgateway.store.SeriesBudgetExceededException;

/**
 * Applies a {@link PushRequest}, from any transport, to the store; a push inconsistent with what is stored is
 * rejected with a 400, one the store has no room for (gateway.limits.series-total) with a 507. The request stays the body, for the transport to answer.
 */
public class PushApplier implements Processor {

    private final GroupStore store;

    public PushApplier(GroupStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        try {
            store.apply(exchange.getMessage().getBody(PushRequest.class));
        } catch (InconsistentPushException e) {
            throw new PushRejectedException(400, e.getMessage());
        } catch (SeriesBudgetExceededException e) {
            // 507: the push is fine, the gateway cannot hold it; a retry helps only once groups are deleted
            throw new PushRejectedException(507, e.getMessage());
        }
    }
}
