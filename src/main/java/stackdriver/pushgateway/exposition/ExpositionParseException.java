package stackdriver.pushgateway.exposition;

/**
 * A push body that cannot be read. The message is what the client is told (HTTP 400), worded as the
 * reference Pushgateway words it, e.g. {@code text format parsing error in line 1: unexpected end of input stream}.
 */
public class ExpositionParseException extends RuntimeException {

    public ExpositionParseException(String message) {
        super(message);
    }

    public ExpositionParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
