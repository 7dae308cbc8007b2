package stackdriver.pushgateway.exposition;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import stackdriver.pushgateway.model.MetricFamily;

/** The formats GET /metrics answers in, the Content-Type each is sent with, and the choice from an Accept header. */
public enum ExpositionFormat {
    TEXT("text/plain; version=0.0.4; charset=utf-8"),
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    PROTOBUF_DELIMITED("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * What GET /metrics answers with UTF-8 names on: the format, and how names are escaped in it (the Content-Type
     * says which). As the Pushgateway 1.11, protobuf carries names as they are whatever the escaping says.
     */
    public record Choice(ExpositionFormat format, NameEscaping escaping) {
        public String contentType() {
            return format.contentType() + "; escaping=" + escaping.token();
        }

        public void write(List<MetricFamily> families, OutputStream out) throws IOException {
            switch (format) {
                case TEXT -> new TextFormatWriter(escaping == NameEscaping.ALLOW_UTF8).write(escaping.escape(families), out);
                case OPENMETRICS -> new OpenMetricsWriter().write(escaping.escape(families), out);
                case PROTOBUF_DELIMITED -> new ProtobufDelimitedWriter().write(families, out);
            }
        }
    }

    public void write(List<MetricFamily> families, OutputStream out) throws IOException {
        switch (this) {
            case TEXT -> new TextFormatWriter().write(families, out);
            case OPENMETRICS -> new OpenMetricsWriter().write(families, out);
            case PROTOBUF_DELIMITED -> new ProtobufDelimitedWriter().write(families, out);
        }
    }

    /**
     * As Go's {@code expfmt.NegotiateIncludingOpenMetrics}: the Accept entries by decreasing {@code q}, the
     * first that names delimited protobuf, OpenMetrics (version 1.0.0, 0.0.1 or none) or text/plain (version
     * 0.0.4 or none) wins; text when none does or there is no Accept header.
     */
    public static ExpositionFormat negotiate(String accept) {
        return negotiateWithEscaping(accept).format();
    }

    /**
     * {@link #negotiate}, and the escaping of names as Go's {@code expfmt.Negotiate} takes it: the {@code escaping}
     * parameter of the entries read up to the chosen one, the last that names a scheme; underscores when none does.
     * OpenMetrics cannot quote names here: asked for with {@code allow-utf-8}, it gets underscores.
     */
    public static Choice negotiateWithEscaping(String accept) {
        if (accept == null || accept.isBlank()) {
            return new Choice(TEXT, NameEscaping.UNDERSCORES);
        }
        List<MediaType> entries = new ArrayList<>();
        for (String entry : accept.split(",")) {
            MediaType type = MediaType.parse(entry);
            if (type != null && quality(type) > 0) {
                entries.add(type);
            }
        }
        entries.sort((a, b) -> Double.compare(quality(b), quality(a)));
        NameEscaping escaping = NameEscaping.UNDERSCORES;
        for (MediaType type : entries) {
            NameEscaping asked = NameEscaping.named(type.parameter("escaping"));
            escaping = asked == null ? escaping : asked;
            String version = type.parameter("version");
            if (type.isDelimitedMetricFamilyProtobuf()) {
                return new Choice(PROTOBUF_DELIMITED, escaping);
            }
            if (type.type().equals("application/openmetrics-text")
                    && (version.isEmpty() || version.equals("1.0.0") || version.equals("0.0.1"))) {
                return new Choice(OPENMETRICS, escaping == NameEscaping.ALLOW_UTF8 ? NameEscaping.UNDERSCORES : escaping);
            }
            if (type.type().equals("text/plain") && (version.isEmpty() || version.equals("0.0.4"))) {
                return new Choice(TEXT, escaping);
            }
        }
        return new Choice(TEXT, escaping);
    }

    private static double quality(MediaType type) {
        try {
            String q = type.parameter("q");
            return q.isEmpty() ? 1 : Double.parseDouble(q);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
