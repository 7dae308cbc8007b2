package stackdriver.pushgateway.push;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.exposition.ExpositionParseException;
import stackdriver.pushgateway.exposition.PushBodyParser;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.PushRequest;

/**
 * Turns an HTTP push into a {@link PushRequest}: grouping key from the path, body decoded and parsed.
 * Bad input is a {@link PushRejectedException} with the status and reason to answer.
 */
public class PushRequestReader implements Processor {

    private final PushBodyParser parser = new PushBodyParser();
    private final GroupingKeyPath groupingKeyPath;
    private final PushLimits limits;
    private final String pushPathPrefix;

    /** @param pushPathPrefix the path before the grouping key, e.g. {@code /metrics} or {@code /prefix/metrics} */
    public PushRequestReader(GroupingKeyPath groupingKeyPath, PushLimits limits, String pushPathPrefix) {
        this.groupingKeyPath = groupingKeyPath;
        this.limits = limits;
        this.pushPathPrefix = pushPathPrefix;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        PushRequest.Method method = PushRequest.Method.valueOf(message.getHeader(Exchange.HTTP_METHOD, String.class));
        GroupingKey key = groupingKeyPath.parse(groupingKeyPart(message.getHeader(Exchange.HTTP_URI, String.class)));
        if (method == PushRequest.Method.DELETE) {
            message.setBody(PushRequest.delete(key));
            return;
        }
        byte[] raw = message.getBody(byte[].class);
        if (raw == null) {
            raw = new byte[0];
        }
        if (raw.length > limits.bodyBytes()) {
            throw new PushRejectedException(413, "body is larger than " + limits.bodyBytes()
                    + " bytes (limit gateway.limits.body-size)");
        }
        byte[] body = BodyDecoder.decode(raw, message.getHeader("Content-Encoding", String.class), limits.bodyBytes());
        List<MetricFamily> families;
        try {
            families = parser.parse(body, message.getHeader(Exchange.CONTENT_TYPE, String.class));
        } catch (ExpositionParseException e) {
            throw new PushRejectedException(400, e.getMessage());
        }
        limits.check(families, key.labels());
        message.setBody(new PushRequest(method, key, families));
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
