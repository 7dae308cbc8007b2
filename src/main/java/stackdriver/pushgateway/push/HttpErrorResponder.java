package stackdriver.pushgateway.push;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a failed request with its status and a one-line plain-text reason, as the Pushgateway does. */
public class HttpErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorResponder.class);
    private final PushRequestCounter counter;

    public HttpErrorResponder(PushRequestCounter counter) {
        this.counter = counter;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status = 500;
        String reason;
        if (cause instanceof PushRejectedException rejected) {
            status = rejected.status();
            reason = rejected.getMessage();
            LOG.debug("push rejected with {}: {}", status, reason);
        } else {
            reason = "internal error: " + (cause == null ? "unknown" : cause.getMessage());
            LOG.error("request failed", cause);
        }
        Message message = exchange.getMessage();
        counter.count(status, message.getHeader(Exchange.HTTP_METHOD, String.class));
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (cause instanceof PushRejectedException rejected && rejected.location() != null) {
            message.setHeader("Location", rejected.location());
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody(reason + "\n");
    }
}
