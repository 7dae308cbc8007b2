package stackdriver.pushgateway.emulator;

import com.google.monitoring.v3.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Monitoring filter restricted to what the emulator understands: {@code selector = value} terms
 * joined by {@code AND}, where the selector is {@code metric.type}, {@code resource.type},
 * {@code metric.labels.KEY} (or {@code metric.label.KEY}), {@code resource.labels.KEY} (or
 * {@code resource.label.KEY}) or {@code project}, and the value a quoted string, a bare word or
 * {@code starts_with("prefix")}.
 */
final class TimeSeriesFilter {
    private final List<Term> terms;

    private TimeSeriesFilter(List<Term> terms) {
        this.terms = terms;
    }

    static final TimeSeriesFilter ALL = new TimeSeriesFilter(List.of());

    /** @throws IllegalArgumentException with the reason when the filter cannot be parsed */
    static TimeSeriesFilter parse(String filter) {
        List<Term> terms = new ArrayList<>();
        Parser parser = new Parser(filter);
        if (parser.atEnd()) {
            return ALL;
        }
        do {
            terms.add(parser.term());
        } while (parser.and());
        if (!parser.atEnd()) {
            throw new IllegalArgumentException("unexpected text at position " + parser.pos + ": " + filter.substring(parser.pos));
        }
        return new TimeSeriesFilter(List.copyOf(terms));
    }

    boolean restrictsMetricType() {
        return terms.stream().anyMatch(t -> t.selector.equals("metric.type"));
    }

    /** @param series a stored series' metric and resource (its points are not looked at) */
    boolean matches(TimeSeries series) {
        return terms.stream().allMatch(t -> t.value.test(valueOf(t.selector, series)));
    }

    /** For metric descriptor listings: only the metric.type terms apply. */
    boolean matchesMetricType(String type) {
        return terms.stream().filter(t -> t.selector.equals("metric.type")).allMatch(t -> t.value.test(type));
    }

    private static String valueOf(String selector, TimeSeries series) {
        if (selector.equals("metric.type")) {
            return series.getMetric().getType();
        }
        if (selector.equals("resource.type")) {
            return series.getResource().getType();
        }
        if (selector.equals("project")) {
            return series.getResource().getLabelsMap().get("project_id");
        }
        Map<String, String> labels = selector.startsWith("metric.") ? series.getMetric().getLabelsMap()
                : series.getResource().getLabelsMap();
        return labels.get(selector.substring(selector.indexOf('.', selector.indexOf('.') + 1) + 1));
    }

    private record Term(String selector, Predicate<String> value) {
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text == null ? "" : text;
        }

        Term term() {
            String selector = word();
            if (!(selector.equals("metric.type") || selector.equals("resource.type") || selector.equals("project")
                    || selector.matches("(metric|resource)\\.labels?\\.[A-Za-z_][A-Za-z0-9_]*"))) {
                throw new IllegalArgumentException("unsupported selector '" + selector + "'");
            }
            skipSpaces();
            if (!text.startsWith("=", pos)) {
                throw new IllegalArgumentException("expected '=' after " + selector + " (only = is supported)");
            }
            pos++;
            skipSpaces();
            if (text.startsWith("starts_with(", pos)) {
                pos += "starts_with(".length();
                skipSpaces();
                String prefix = string();
                skipSpaces();
                expect(')');
                return new Term(selector, v -> v != null && v.startsWith(prefix));
            }
            String value = text.startsWith("\"", pos) || text.startsWith("'", pos) ? string() : word();
            return new Term(selector, value::equals);
        }

        boolean and() {
            skipSpaces();
            if (text.regionMatches(true, pos, "AND", 0, 3) && pos + 3 < text.length()
                    && Character.isWhitespace(text.charAt(pos + 3))) {
                pos += 3;
                return true;
            }
            return false;
        }

        boolean atEnd() {
            skipSpaces();
            return pos >= text.length();
        }

        private String word() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "._-/".indexOf(text.charAt(pos)) >= 0)) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("expected a name at position " + pos);
            }
            return text.substring(start, pos);
        }

        private String string() {
            char quote = text.charAt(pos);
            if (quote != '"' && quote != '\'') {
                throw new IllegalArgumentException("expected a quoted string at position " + pos);
            }
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length() && text.charAt(pos) != quote) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            expect(quote);
            return value.toString();
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at position " + pos);
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
