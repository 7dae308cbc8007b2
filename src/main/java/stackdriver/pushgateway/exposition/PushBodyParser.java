package stackdriver.pushgateway.exposition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * Reads a push body in the format its Content-Type names, as the reference Pushgateway chooses: delimited
 * protobuf only for {@code application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;
 * encoding=delimited}, OpenMetrics for {@code application/openmetrics-text} (the reference reads it as text),
 * and text format 0.0.4 for anything else, {@code application/x-www-form-urlencoded} from curl included.
 */
public final class PushBodyParser {
    private final TextFormatParser text;
    private final OpenMetricsParser openMetrics = new OpenMetricsParser();
    private final ProtobufDelimitedParser protobuf;

    public PushBodyParser() {
        this(false);
    }

    /** @param utf8Names metric and label names of any UTF-8 text, as the Pushgateway 1.11's --push.enable-utf8-names */
    public PushBodyParser(boolean utf8Names) {
        this.text = new TextFormatParser(utf8Names);
        this.protobuf = new ProtobufDelimitedParser(utf8Names);
    }

    /**
     * @param contentType the request's Content-Type header, or null
     * @throws ExpositionParseException when the body is not valid in that format
     */
    public List<MetricFamily> parse(byte[] body, String contentType) {
        return switch (formatOf(contentType)) {
            case PROTOBUF_DELIMITED -> protobuf.parse(body);
            case OPENMETRICS -> openMetrics.parse(body);
            case TEXT -> text.parse(body);
        };
    }

    public List<MetricFamily> parse(InputStream body, String contentType) {
        try {
            return parse(body.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The format a push body with this Content-Type is read in. */
    public static ExpositionFormat formatOf(String contentType) {
        MediaType type = MediaType.parse(contentType);
        if (type == null) {
            return ExpositionFormat.TEXT;
        }
        if (type.isDelimitedMetricFamilyProtobuf()) {
            return ExpositionFormat.PROTOBUF_DELIMITED;
        }
        if (type.type().equals("application/openmetrics-text")) {
            return ExpositionFormat.OPENMETRICS;
        }
        return ExpositionFormat.TEXT;
    }
}
