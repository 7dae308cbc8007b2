package stackdriver.pushgateway.web;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody(text);
    }
}
