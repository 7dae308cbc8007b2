package stackdriver.pushgateway.web;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** {@code PUT|POST /-/quit}: stops the gateway, or 403 unless the lifecycle API is enabled, as the reference. */
public class LifecycleQuit implements Processor {

    private final boolean enabled;
    private final Runnable shutdown;

    public LifecycleQuit(boolean enabled, Runnable shutdown) {
        this.enabled = enabled;
        this.shutdown = shutdown;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        if (!enabled) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 403);
            message.setBody("Lifecycle API is not enabled.");
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setBody("Requesting termination... Goodbye!");
        Thread quitter = new Thread(shutdown, "lifecycle-quit");
        quitter.setDaemon(false);
        quitter.start();
    }
}
