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
        if (accept == null || accept.isBlank()) {
            return TEXT;
        }
        List<MediaType> entries = new ArrayList<>();
        for (String entry : accept.split(",")) {
            MediaType type = MediaType.parse(entry);
            if (type != null && quality(type) > 0) {
                entries.add(type);
            }
        }
        entries.sort((a, b) -> Double.compare(quality(b), quality(a)));
        for (MediaType type : entries) {
            String version = type.parameter("version");
            if (type.isDelimitedMetricFamilyProtobuf()) {
                return PROTOBUF_DELIMITED;
            }
            if (type.type().equals("application/openmetrics-text")
                    && (version.isEmpty() || version.equals("1.0.0") || version.equals("0.0.1"))) {
                return OPENMETRICS;
            }
            if (type.type().equals("text/plain") && (version.isEmpty() || version.equals("0.0.4"))) {
                return TEXT;
            }
        }
        return TEXT;
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
