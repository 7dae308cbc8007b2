package stackdriver.pushgateway.web;

import stackdriver.pushgateway.http.Answer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.store.GroupStore;

/** {@code PUT /api/v1/admin/wipe}: deletes every group (202), or 404 unless the admin API is enabled, as the reference. */
public class AdminWipe implements Processor {

    private final GroupStore store;
    private final boolean enabled;

    public AdminWipe(GroupStore store, boolean enabled) {
        this.store = store;
        this.enabled = enabled;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!enabled) {
            Answer.text(message, 404, "404 page not found\n");
            return;
        }
        store.wipe();
        Answer.empty(message, 202);
    }
}
