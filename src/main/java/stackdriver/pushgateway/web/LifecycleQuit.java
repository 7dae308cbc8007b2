package stackdriver.pushgateway.web;

import stackdriver.pushgateway.http.Answer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code PUT|POST /-/quit}: stops the gateway, or 403 unless the lifecycle API is enabled, as the reference. Its
 * route takes GET too, as the reference's handler does, to say which methods it wants.
 */
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
        if ("GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            Answer.text(message, 405, "Only POST or PUT requests allowed.");
            return;
        }
        if (!enabled) {
            Answer.text(message, 403, "Lifecycle API is not enabled.");
            return;
        }
        Answer.text(message, 200, "Requesting termination... Goodbye!");
        Thread quitter = new Thread(shutdown, "lifecycle-quit");
        quitter.setDaemon(false);
        quitter.start();
    }
}
