package stackdriver.pushgateway.web;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import stackdriver.pushgateway.http.Answer;

/** {@code /-/ready}: 200 {@code OK}, or 503 with the reason while the gateway cannot store pushes. */
public class ReadyAnswer implements Processor {

    private final Supplier<Optional<String>> unavailable;

    /** @param unavailable why pushes cannot be stored now, or empty */
    public ReadyAnswer(Supplier<Optional<String>> unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public void process(Exchange exchange) {
        Optional<String> reason = unavailable.get();
        if (reason.isPresent()) {
            Answer.text(exchange.getMessage(), 503, "not ready: " + reason.get() + "\n");
        } else {
            Answer.text(exchange.getMessage(), 200, "OK");
        }
    }
}
