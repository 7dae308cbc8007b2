package stackdriver.pushgateway.exposition;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Content-Type or Accept entry read as Go's {@code mime.ParseMediaType} reads it: type and parameter
 * names are case-insensitive, parameter values (quoted or not) are compared as sent.
 */
record MediaType(String type, Map<String, String> parameters) {

    /** The media type, or null when the header is malformed (Go then falls back to the text format). */
    static MediaType parse(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.split(";", -1);
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            if (parameters.put(name, value) != null) {
                return null;
            }
        }
        return new MediaType(type, parameters);
    }

    String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }

    boolean isDelimitedMetricFamilyProtobuf() {
        return type.equals("application/vnd.google.protobuf")
                && parameter("proto").equals("io.prometheus.client.MetricFamily")
                && parameter("encoding").equals("delimited");
    }
}
