package stackdriver.pushgateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The one way an answer is written, from a route's step (a Camel {@link Message}) or from a Vert.x handler: the
 * request's headers never leak into the answer, and plain text is {@code text/plain; charset=utf-8} as the
 * Pushgateway sends it.
 */
public final class Answer {
    public static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private Answer() {
    }

    public static void text(Message message, int status, String text) {
        body(message, status, PLAIN_TEXT, text);
    }

    public static void empty(Message message, int status) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setBody(null);
    }

    /** @param body a String, byte[] or Vert.x Buffer */
    public static void body(Message message, int status, String contentType, Object body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }

    public static void text(HttpServerResponse response, int status, String text) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, PLAIN_TEXT).end(text);
    }
}
