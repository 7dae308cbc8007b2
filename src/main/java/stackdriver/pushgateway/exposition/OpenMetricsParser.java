package stackdriver.pushgateway.exposition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * Reads OpenMetrics 1.0 text (the reference Pushgateway reads it as text 0.0.4 and gets it wrong). Families
 * map onto the Prometheus model: counter {@code c} becomes family {@code c_total} (COUNTER), info {@code foo}
 * becomes {@code foo_info} (GAUGE), stateset becomes a GAUGE with one series per state, gaugehistogram
 * becomes GAUGE_HISTOGRAM, unknown becomes UNTYPED. {@code _created} samples set the series' created time;
 * exemplars are checked and dropped; timestamps (seconds) become milliseconds. The body must end with
 * {@code # EOF}.
 */
public final class OpenMetricsParser {

    public List<MetricFamily> parse(byte[] body) {
        return new Run(body).parse();
    }

    private static final class Run {
        private final ExpositionLexer lexer;
        private final Map<String, MetricFamily> done = new LinkedHashMap<>();
        private final Set<String> seenFamilies = new HashSet<>();
        /** Every sample name a family may use, so that no two families can produce the same series name. */
        private final Set<String> sampleNames = new HashSet<>();
        private OpenMetricsFamily family;
        private String lastSampleName;
        private final SampleLabels labels = new SampleLabels();
        private final SampleLabels exemplarLabels = new SampleLabels();

        Run(byte[] in) {
            this.lexer = ExpositionLexer.openMetrics(in);
        }

        List<MetricFamily> parse() {
            boolean eof = false;
            while (lexer.nextLine()) {
                if (eof) {
                    throw lexer.error("unexpected content after # EOF");
                }
                if (lexer.atLineEnd()) {
                    throw lexer.error("unexpected empty line");
                }
                if (lexer.current() == '#') {
                    eof = comment();
                } else {
                    sample();
                }
            }
            if (!eof) {
                throw lexer.errorAfterLastLine("expected # EOF at the end of the input");
            }
            closeFamily();
            return new ArrayList<>(done.values());
        }

        /** True for the # EOF line. */
        private boolean comment() {
            if (lexer.restOfLineIs("# EOF")) {
                lexer.skipRestOfLine();
                return true;
            }
            String keyword = lexer.take("# HELP ") ? "HELP" : lexer.take("# TYPE ") ? "TYPE" : lexer.take("# UNIT ") ? "UNIT" : null;
            if (keyword == null) {
                throw lexer.error("expected # HELP, # TYPE, # UNIT or # EOF, got " + GoQuote.quote(lexer.restOfLine()));
            }
            lexer.metricName();
            if (lexer.tokenIsEmpty()) {
                throw lexer.error("invalid metric name in " + keyword + " line");
            }
            String name = lexer.name(null);
            startFamily(name, keyword);
            lexer.expect(' ');
            String text = keyword.equals("HELP") ? lexer.help() : lexer.restOfLine();
            switch (keyword) {
                case "HELP" -> {
                    if (family.builder.help != null) {
                        throw lexer.error("second HELP line for metric name " + GoQuote.quote(name));
                    }
                    family.builder.help = text;
                }
                case "TYPE" -> {
                    if (family.typeSeen) {
                        throw lexer.error("second TYPE line for metric name " + GoQuote.quote(name));
                    }
                    family.typeSeen = true;
                    family.kind = kindNamed(text);
                    for (String suffix : family.kind.suffixes) {
                        if (!suffix.isEmpty() && !sampleNames.add(name + suffix)) {
                            throw lexer.error("sample name " + GoQuote.quote(name + suffix) + " of metric family "
                                    + GoQuote.quote(name) + " clashes with another family");
                        }
                    }
                }
                default -> {
                    if (family.unitSeen) {
                        throw lexer.error("second UNIT line for metric name " + GoQuote.quote(name));
                    }
                    family.unitSeen = true;
                    if (!text.isEmpty() && !name.endsWith("_" + text)) {
                        throw lexer.error("unit " + GoQuote.quote(text) + " is not a suffix of metric name " + GoQuote.quote(name));
                    }
                    family.builder.unit = text;
                }
            }
            return false;
        }

        private OpenMetricsType kindNamed(String word) {
            for (OpenMetricsType k : OpenMetricsType.values()) {
                if (k.name().toLowerCase(Locale.ROOT).equals(word)) {
                    return k;
                }
            }
            throw lexer.error("unknown metric type " + GoQuote.quote(word));
        }

        private void startFamily(String name, String keyword) {
            if (family != null && family.name.equals(name)) {
                if (!family.builder.isEmpty()) {
                    throw lexer.error(keyword + " line for metric name " + GoQuote.quote(name) + " after its samples");
                }
                return;
            }
            openFamily(name);
        }

        private void openFamily(String name) {
            closeFamily();
            if (!seenFamilies.add(name)) {
                throw lexer.error("metric family " + GoQuote.quote(name) + " appears twice; its lines must be together");
            }
            if (!sampleNames.add(name)) {
                throw lexer.error("metric family " + GoQuote.quote(name) + " clashes with a sample name of another family");
            }
            family = new OpenMetricsFamily(name, lexer);
        }

        private void closeFamily() {
            if (family != null && !family.builder.isEmpty()) {
                MetricFamily finished = family.finish();
                if (done.putIfAbsent(finished.name(), finished) != null) {
                    throw lexer.error("metric family " + GoQuote.quote(finished.name()) + " appears twice");
                }
            }
            family = null;
        }

        private void sample() {
            lexer.metricName();
            if (lexer.tokenIsEmpty()) {
                throw lexer.error("invalid metric name");
            }
            String name = lexer.name(lastSampleName);
            lastSampleName = name;
            String suffix = family == null ? null : family.kind.suffixOf(name, family.name);
            if (suffix == null) {
                openFamily(name);
                suffix = "";
            }
            family.builder.type = family.kind.type;
            labelSet(labels, family.builder, name);
            lexer.expect(' ');
            double value = lexer.number("value");
            long timestamp = Metric.NO_TIMESTAMP;
            if (lexer.current() == ' ' && lexer.nextByte() != '#') {
                lexer.read();
                double seconds = lexer.number("timestamp");
                if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                    throw lexer.error("invalid timestamp " + GoFloat.format(seconds));
                }
                timestamp = Math.round(seconds * 1000);
            }
            if (!lexer.atLineEnd()) {
                exemplar(suffix);
            }
            family.add(suffix, labels, value, timestamp);
        }

        private void exemplar(String suffix) {
            lexer.expect(' ');
            lexer.expect('#');
            lexer.expect(' ');
            OpenMetricsType kind = family.kind;
            boolean allowed = (kind == OpenMetricsType.COUNTER && suffix.equals("_total"))
                    || ((kind == OpenMetricsType.HISTOGRAM || kind == OpenMetricsType.GAUGEHISTOGRAM) && suffix.equals("_bucket"));
            if (!allowed) {
                throw lexer.error("exemplars are only allowed on counter _total and histogram _bucket samples");
            }
            if (lexer.current() != '{') {
                throw lexer.error("expected '{' at start of exemplar labels");
            }
            labelSet(exemplarLabels, null, "exemplar");
            lexer.expect(' ');
            lexer.number("exemplar value");
            if (!lexer.atLineEnd()) {
                lexer.expect(' ');
                lexer.number("exemplar timestamp");
            }
            if (!lexer.atLineEnd()) {
                throw lexer.error("unexpected text after exemplar: " + GoQuote.quote(lexer.restOfLine()));
            }
        }

        /** {@code {name="value",...}} or nothing; {@code family}, when given, lends the previous sample's strings. */
        private void labelSet(SampleLabels into, FamilyBuilder family, String metric) {
            into.clear();
            if (lexer.current() != '{') {
                return;
            }
            lexer.read();
            if (lexer.current() == '}') {
                lexer.read();
                return;
            }
            for (int position = 0; ; position++) {
                String name = lexer.labelName(metric, family == null ? null : family.previousLabel(position, 0));
                if (into.contains(name)) {
                    throw lexer.error("duplicate label names for metric " + GoQuote.quote(metric));
                }
                lexer.expect('=');
                lexer.expect('"');
                String value = lexer.labelValue(family == null ? null : family.previousLabel(position, 1));
                if (family != null) {
                    family.rememberLabel(position, name, value);
                }
                into.add(name, value);
                lexer.read();
                if (lexer.current() == ',') {
                    lexer.read();
                    continue;
                }
                lexer.expect('}');
                return;
            }
        }
    }
}
