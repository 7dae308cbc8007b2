package stackdriver.pushgateway.exposition;

/** The legacy Prometheus name rules: metric names {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names without colons. */
final class MetricNames {
    private MetricNames() {
    }

    static boolean isValidMetricName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = TextFormatParser.isLabelNameStart(c) || c == ':' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isValidLabelName(String name) {
        if (name.isEmpty() || !TextFormatParser.isLabelNameStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!TextFormatParser.isLabelNameContinuation(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
