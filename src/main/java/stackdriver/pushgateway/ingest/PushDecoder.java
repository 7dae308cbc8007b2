package stackdriver.pushgateway.ingest;

import java.util.List;
import stackdriver.pushgateway.exposition.ExpositionParseException;
import stackdriver.pushgateway.exposition.PushBodyParser;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.PushRequest;

/**
 * Turns a push as it arrives (HTTP request or Pub/Sub message) into a {@link PushRequest}: grouping key from
 * its path, body un-gzipped, parsed in the format its content type names, and checked against the limits.
 * Bad input is a {@link PushRejectedException} with the status and reason to answer.
 */
public final class PushDecoder {

    private final PushBodyParser parser;
    private final GroupingKeyPath groupingKeyPath;
    private final PushLimits limits;

    public PushDecoder(GroupingKeyPath groupingKeyPath, PushLimits limits) {
        this(groupingKeyPath, limits, new PushBodyParser());
    }

    public PushDecoder(GroupingKeyPath groupingKeyPath, PushLimits limits, PushBodyParser parser) {
        this.groupingKeyPath = groupingKeyPath;
        this.limits = limits;
        this.parser = parser;
    }

    /**
     * @param method          PUT, POST or DELETE
     * @param path            the grouping key part of the URL, e.g. {@code /job/x/instance/y}, decoded
     * @param contentEncoding {@code gzip}, {@code snappy} or null
     */
    public DecodedPush decode(String method, String path, byte[] raw, String contentType, String contentEncoding) {
        PushRequest.Method parsedMethod = parseMethod(method);
        GroupingKey key = groupingKeyPath.parse(path);
        if (parsedMethod == PushRequest.Method.DELETE) {
            return new DecodedPush(PushRequest.delete(key), new byte[0], contentType, null);
        }
        byte[] bytes = raw == null ? new byte[0] : raw;
        if (bytes.length > limits.bodyBytes()) {
            throw new PushRejectedException(413, "body is larger than " + limits.bodyBytes()
                    + " bytes (limit gateway.limits.body-size)");
        }
        byte[] body = BodyDecoder.decode(bytes, contentEncoding, limits.bodyBytes());
        List<MetricFamily> families;
        try {
            families = parser.parse(body, contentType);
        } catch (ExpositionParseException e) {
            throw new PushRejectedException(400, e.getMessage());
        }
        limits.check(families, key.labels());
        return new DecodedPush(new PushRequest(parsedMethod, key, families), bytes, contentType,
                bytes.length == 0 ? null : BodyDecoder.undone(contentEncoding));
    }

    private static PushRequest.Method parseMethod(String method) {
        try {
            return PushRequest.Method.valueOf(method == null ? "" : method.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PushRejectedException(405, "method " + method + " is not one of PUT, POST, DELETE");
        }
    }
}
