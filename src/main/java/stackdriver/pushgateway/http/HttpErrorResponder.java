package stackdriver.pushgateway.http;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.ingest.PushRejectedException;
import stackdriver.pushgateway.store.StoreUnavailableException;

/** Answers a failed request with its status and a one-line plain-text reason, as the Pushgateway does. */
public class HttpErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorResponder.class);

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        if (cause instanceof PushRejectedException rejected) {
            LOG.debug("push rejected with {}: {}", rejected.status(), rejected.getMessage());
            if (rejected.location() != null) {
                Answer.empty(message, rejected.status());
                message.setHeader("Location", rejected.location());
            } else {
                Answer.text(message, rejected.status(), rejected.getMessage() + "\n");
            }
            return;
        }
        if (cause instanceof StoreUnavailableException unavailable) {
            // the store logs its change of state once; a line per refused push would flood the log
            Answer.text(message, 503, unavailable.getMessage() + "\n");
            message.setHeader("Retry-After", "1");
            return;
        }
        LOG.error("request failed", cause);
        Answer.text(message, 500, "internal error: " + (cause == null ? "unknown" : cause.getMessage()) + "\n");
    }
}
