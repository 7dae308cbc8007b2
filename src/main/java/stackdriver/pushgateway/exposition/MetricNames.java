package stackdriver.pushgateway.exposition;

import stackdriver.pushgateway.model.Labels;

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
            boolean ok = isLabelNameStart(c) || c == ':' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isValidLabelName(String name) {
        if (name.isEmpty() || !isLabelNameStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isLabelNameContinuation(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isLabelNameStart(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    }

    static boolean isLabelNameContinuation(int b) {
        return isLabelNameStart(b) || (b >= '0' && b <= '9');
    }

    /** A series as the text format writes it, {@code name{a="x\\ny"}}, for one-line error messages. */
    static String series(String name, Labels labels) {
        StringBuilder sb = new StringBuilder(name).append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(labels.name(i)).append("=\"");
            String v = labels.value(i);
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '"' -> sb.append("\\\"");
                    case '\n' -> sb.append("\\n");
                    default -> sb.append(c);
                }
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }
}
