package stackdriver.pushgateway.exposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * How names that are not legacy Prometheus names are written for a scraper, named by the {@code escaping}
 * parameter of its Accept header, as Prometheus' {@code model.EscapeName} escapes them: as they are
 * ({@code allow-utf-8}), each other character an underscore ({@code underscores}, the default for a scraper that
 * does not ask), {@code .} as {@code _dot_} ({@code dots}), or {@code U__}-prefixed with {@code _<hex>_}
 * ({@code values}). A legacy name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) is never changed, as in Prometheus'
 * {@code EscapeMetricFamily}.
 */
public enum NameEscaping {
    ALLOW_UTF8("allow-utf-8"),
    UNDERSCORES("underscores"),
    DOTS("dots"),
    VALUES("values");

    private final String token;

    NameEscaping(String token) {
        this.token = token;
    }

    /** The value of the {@code escaping} parameter. */
    public String token() {
        return token;
    }

    /** The escaping an {@code escaping} parameter names, or null when it names none. */
    static NameEscaping named(String token) {
        for (NameEscaping escaping : values()) {
            if (escaping.token.equals(token)) {
                return escaping;
            }
        }
        return null;
    }

    public String escape(String name) {
        if (this == ALLOW_UTF8 || name.isEmpty() || MetricNames.isValidMetricName(name)) {
            return name;
        }
        StringBuilder escaped = new StringBuilder(name.length() + 8);
        if (this == VALUES) {
            escaped.append("U__");
        }
        int[] codePoints = name.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int cp = codePoints[i];
            boolean legacy = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_' || cp == ':'
                    || (cp >= '0' && cp <= '9' && i > 0);
            switch (this) {
                case UNDERSCORES -> escaped.appendCodePoint(legacy ? cp : '_');
                case DOTS -> escaped.append(cp == '_' ? "__" : cp == '.' ? "_dot_" : legacy ? Character.toString(cp) : "__");
                default -> {
                    if (cp == '_') {
                        escaped.append("__");
                    } else if (legacy) {
                        escaped.appendCodePoint(cp);
                    } else {
                        escaped.append('_').append(Integer.toHexString(cp)).append('_');
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** The families with their metric and label names escaped; a family that needs no change is kept as it is. */
    public List<MetricFamily> escape(List<MetricFamily> families) {
        if (this == ALLOW_UTF8) {
            return families;
        }
        List<MetricFamily> escaped = new ArrayList<>(families.size());
        for (MetricFamily family : families) {
            escaped.add(escape(family));
        }
        return escaped;
    }

    private MetricFamily escape(MetricFamily family) {
        String name = escape(family.name());
        List<Metric> metrics = family.metrics();
        List<Metric> escapedMetrics = null;
        for (int i = 0; i < metrics.size(); i++) {
            Labels labels = metrics.get(i).labels();
            Labels escapedLabels = escape(labels);
            if (escapedLabels != labels && escapedMetrics == null) {
                escapedMetrics = new ArrayList<>(metrics.subList(0, i));
            }
            if (escapedMetrics != null) {
                escapedMetrics.add(metrics.get(i).withLabels(escapedLabels));
            }
        }
        if (name.equals(family.name()) && escapedMetrics == null) {
            return family;
        }
        return new MetricFamily(name, family.help(), family.type(), family.unit(),
                escapedMetrics == null ? metrics : escapedMetrics);
    }

    private Labels escape(Labels labels) {
        boolean changed = false;
        for (int i = 0; i < labels.size() && !changed; i++) {
            changed = !escape(labels.name(i)).equals(labels.name(i));
        }
        if (!changed) {
            return labels;
        }
        Map<String, String> escaped = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            escaped.put(escape(labels.name(i)), labels.value(i));
        }
        Labels result = Labels.of(escaped);
        for (int i = 0; i < labels.size(); i++) {
            if (labels.value(i).isEmpty()) { // instance="", which exposition adds, survives
                result = result.withEmptyIfAbsent(escape(labels.name(i)));
            }
        }
        return result;
    }
}
