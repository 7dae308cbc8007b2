package stackdriver.pushgateway.http;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A fixed plain-text answer, such as {@code /-/healthy}'s {@code OK}. */
public class PlainTextAnswer implements Processor {

    private final int status;
    private final String text;

    public PlainTextAnswer(int status, String text) {
        this.status = status;
        this.text = text;
    }

    @Override
    public void process(Exchange exchange) {
        Answer.text(exchange.getMessage(), status, text);
    }
}
