package stackdriver.pushgateway.push;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.ingest.DecodedPush;
import stackdriver.pushgateway.ingest.PushDecoder;

/**
 * Turns an HTTP push into a {@link stackdriver.pushgateway.store.PushRequest} body. The decoded push stays on the
 * exchange ({@link DecodedPush#PROPERTY}) for steps that forward the push as it came, such as Pub/Sub buffering.
 */
public class PushRequestReader implements Processor {

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
        DecodedPush push = decoder.decode(message.getHeader(Exchange.HTTP_METHOD, String.class),
                groupingKeyPart(message.getHeader(Exchange.HTTP_URI, String.class)), message.getBody(byte[].class),
                message.getHeader(Exchange.CONTENT_TYPE, String.class), message.getHeader("Content-Encoding", String.class));
        exchange.setProperty(DecodedPush.PROPERTY, push);
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
