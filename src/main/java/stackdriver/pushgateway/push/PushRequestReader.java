package stackdriver.pushgateway.push;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns an HTTP push into a {@link stackdriver.pushgateway.store.PushRequest} body. The plain body and its
 * content type stay on the exchange ({@link #BODY}, {@link #CONTENT_TYPE}) for steps that forward the push as
 * it came, such as Pub/Sub buffering.
 */
public class PushRequestReader implements Processor {

    public static final String BODY = "gatewayPushBody";
    public static final String CONTENT_TYPE = "gatewayPushContentType";

    private final PushDecoder decoder;
    private final String pushPathPrefix;

    /** @param pushPathPrefix the path before the grouping key, e.g. {@code /metrics} or {@code /prefix/metrics} */
    public PushRequestReader(PushDecoder decoder, String pushPathPrefix) {
        this.decoder = decoder;
        this.pushPathPrefix = pushPathPrefix;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        PushDecoder.DecodedPush push = decoder.decode(message.getHeader(Exchange.HTTP_METHOD, String.class),
                groupingKeyPart(message.getHeader(Exchange.HTTP_URI, String.class)), message.getBody(byte[].class),
                message.getHeader(Exchange.CONTENT_TYPE, String.class), message.getHeader("Content-Encoding", String.class));
        exchange.setProperty(BODY, push.body());
        exchange.setProperty(CONTENT_TYPE, push.contentType());
        message.setBody(push.request());
    }

    private String groupingKeyPart(String uri) {
        String path = uri;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int start = path.indexOf(pushPathPrefix);
        path = start >= 0 ? path.substring(start + pushPathPrefix.length()) : path;
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
