package stackdriver.pushgateway.exposition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import stackdriver.pushgateway.model.Labels;
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
        private final byte[] in;
        private int line;
        private int p;
        private int end;
        private final Map<String, MetricFamily> done = new LinkedHashMap<>();
        private final Set<String> seenFamilies = new HashSet<>();
        /** Every sample name a family may use, so that no two families can produce the same series name. */
        private final Set<String> sampleNames = new HashSet<>();
        private FamilyBuilder family;
        private OpenMetricsType kind;
        private boolean typeSeen;
        private boolean unitSeen;
        private final List<String> labelNames = new ArrayList<>();
        private final List<String> labelValues = new ArrayList<>();

        Run(byte[] in) {
            this.in = in;
        }

        List<MetricFamily> parse() {
            int pos = 0;
            boolean eof = false;
            while (pos < in.length) {
                line++;
                if (eof) {
                    throw error("unexpected content after # EOF");
                }
                p = pos;
                end = pos;
                while (end < in.length && in[end] != '\n') {
                    end++;
                }
                pos = end + 1;
                if (p == end) {
                    throw error("unexpected empty line");
                }
                if (in[p] == '#') {
                    eof = comment();
                } else {
                    sample();
                }
            }
            if (!eof) {
                line++;
                throw error("expected # EOF at the end of the input");
            }
            closeFamily();
            return new ArrayList<>(done.values());
        }

        /** True for the # EOF line. */
        private boolean comment() {
            if (rest().equals("# EOF")) {
                return true;
            }
            if (!startsWith("# HELP ") && !startsWith("# TYPE ") && !startsWith("# UNIT ")) {
                throw error("expected # HELP, # TYPE, # UNIT or # EOF, got " + GoQuote.quote(rest()));
            }
            String keyword = new String(in, p + 2, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            p += 7;
            String name = metricName();
            if (name.isEmpty()) {
                throw error("invalid metric name in " + keyword + " line");
            }
            startFamily(name, keyword);
            expect(' ');
            String text = keyword.equals("HELP") ? escapedUntil(-1) : rest();
            p = end;
            switch (keyword) {
                case "HELP" -> {
                    if (family.help != null) {
                        throw error("second HELP line for metric name " + GoQuote.quote(name));
                    }
                    family.help = text;
                }
                case "TYPE" -> {
                    if (typeSeen) {
                        throw error("second TYPE line for metric name " + GoQuote.quote(name));
                    }
                    typeSeen = true;
                    kind = kindNamed(text);
                    for (String suffix : kind.suffixes) {
                        if (!suffix.isEmpty() && !sampleNames.add(name + suffix)) {
                            throw error("sample name " + GoQuote.quote(name + suffix) + " of metric family "
                                    + GoQuote.quote(name) + " clashes with another family");
                        }
                    }
                }
                default -> {
                    if (unitSeen) {
                        throw error("second UNIT line for metric name " + GoQuote.quote(name));
                    }
                    unitSeen = true;
                    if (!text.isEmpty() && !name.endsWith("_" + text)) {
                        throw error("unit " + GoQuote.quote(text) + " is not a suffix of metric name " + GoQuote.quote(name));
                    }
                    family.unit = text;
                }
            }
            return false;
        }

        private OpenMetricsType kindNamed(String word) {
            for (OpenMetricsType k : OpenMetricsType.values()) {
                if (k.name().toLowerCase(java.util.Locale.ROOT).equals(word)) {
                    return k;
                }
            }
            throw error("unknown metric type " + GoQuote.quote(word));
        }

        private void startFamily(String name, String keyword) {
            if (family != null && family.name.equals(name)) {
                if (!family.isEmpty()) {
                    throw error(keyword + " line for metric name " + GoQuote.quote(name) + " after its samples");
                }
                return;
            }
            openFamily(name);
        }

        private void openFamily(String name) {
            closeFamily();
            if (!seenFamilies.add(name)) {
                throw error("metric family " + GoQuote.quote(name) + " appears twice; its lines must be together");
            }
            if (!sampleNames.add(name)) {
                throw error("metric family " + GoQuote.quote(name) + " clashes with a sample name of another family");
            }
            family = new FamilyBuilder(name);
            kind = OpenMetricsType.UNKNOWN;
            typeSeen = false;
            unitSeen = false;
        }

        private void sample() {
            String name = metricName();
            if (name.isEmpty()) {
                throw error("invalid metric name");
            }
            String suffix = family == null ? null : kind.suffixOf(name, family.name);
            if (suffix == null) {
                openFamily(name);
                suffix = "";
            }
            family.type = kind.type;
            readLabels(name);
            expect(' ');
            double value = number("value");
            long timestamp = Metric.NO_TIMESTAMP;
            if (p < end && in[p] == ' ' && (p + 1 >= end || in[p + 1] != '#')) {
                p++;
                double seconds = number("timestamp");
                if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                    throw error("invalid timestamp " + GoFloat.format(seconds));
                }
                timestamp = Math.round(seconds * 1000);
            }
            if (p < end) {
                exemplar(suffix);
            }
            store(suffix, value, timestamp);
        }

        private void exemplar(String suffix) {
            expect(' ');
            expect('#');
            expect(' ');
            boolean allowed = (kind == OpenMetricsType.COUNTER && suffix.equals("_total"))
                    || ((kind == OpenMetricsType.HISTOGRAM || kind == OpenMetricsType.GAUGEHISTOGRAM) && suffix.equals("_bucket"));
            if (!allowed) {
                throw error("exemplars are only allowed on counter _total and histogram _bucket samples");
            }
            if (p >= end || in[p] != '{') {
                throw error("expected '{' at start of exemplar labels");
            }
            List<String> sampleNames = new ArrayList<>(labelNames);
            List<String> sampleValues = new ArrayList<>(labelValues);
            readLabels("exemplar");
            labelNames.clear();
            labelNames.addAll(sampleNames);
            labelValues.clear();
            labelValues.addAll(sampleValues);
            expect(' ');
            number("exemplar value");
            if (p < end) {
                expect(' ');
                number("exemplar timestamp");
            }
            if (p < end) {
                throw error("unexpected text after exemplar: " + GoQuote.quote(rest()));
            }
        }

        private void store(String suffix, double value, long timestamp) {
            switch (kind) {
                case COUNTER -> {
                    SeriesBuilder s = family.series(labels(null), Double.NaN, Double.NaN);
                    if (suffix.equals("_created")) {
                        s.createdSeconds = value;
                    } else {
                        if (!Double.isNaN(s.value)) {
                            throw error("duplicate sample for series " + MetricNames.series(family.name + "_total", s.labels));
                        }
                        if (Double.isNaN(value) || value < 0) {
                            throw error("counter value must be a non-negative number, got " + GoFloat.format(value));
                        }
                        s.value = value;
                        stamp(s, timestamp);
                    }
                }
                case HISTOGRAM, GAUGEHISTOGRAM -> {
                    boolean isCount = suffix.equals("_bucket") || suffix.equals("_count") || suffix.equals("_gcount");
                    if (isCount && !(value >= 0 && value == Math.rint(value))) {
                        throw error("histogram counts must be non-negative integers, got " + GoFloat.format(value));
                    }
                    double bound = suffix.equals("_bucket") ? boundLabel("le") : Double.NaN;
                    SeriesBuilder s = family.series(labels(suffix.equals("_bucket") ? "le" : null), Double.NaN, Double.NaN);
                    switch (suffix) {
                        case "_bucket" -> {
                            if (s.hasBound(bound)) {
                                throw error("duplicate bucket le=\"" + GoFloat.format(bound) + "\" for series " + MetricNames.series(family.name, s.labels));
                            }
                            s.add(bound, value);
                        }
                        case "_count", "_gcount" -> s.count = value;
                        case "_sum", "_gsum" -> s.sum = value;
                        default -> s.createdSeconds = value;
                    }
                    stamp(s, timestamp);
                }
                case SUMMARY -> {
                    double quantile = suffix.isEmpty() ? boundLabel("quantile") : Double.NaN;
                    SeriesBuilder s = family.series(labels(suffix.isEmpty() ? "quantile" : null), Double.NaN, Double.NaN);
                    switch (suffix) {
                        case "" -> s.add(quantile, value);
                        case "_count" -> s.count = value;
                        case "_sum" -> s.sum = value;
                        default -> s.createdSeconds = value;
                    }
                    stamp(s, timestamp);
                }
                default -> {
                    if (kind == OpenMetricsType.INFO && value != 1) {
                        throw error("info value must be 1, got " + GoFloat.format(value));
                    }
                    if (kind == OpenMetricsType.STATESET) {
                        if (!labelNames.contains(family.name)) {
                            throw error("stateset sample without a label named " + GoQuote.quote(family.name));
                        }
                        if (value != 0 && value != 1) {
                            throw error("stateset value must be 0 or 1, got " + GoFloat.format(value));
                        }
                    }
                    Metric m = Metric.ofValue(labels(null), value);
                    family.addValue(timestamp == Metric.NO_TIMESTAMP ? m : m.withTimestamp(timestamp));
                }
            }
        }

        private static void stamp(SeriesBuilder s, long timestamp) {
            if (timestamp != Metric.NO_TIMESTAMP) {
                s.timestampMillis = timestamp;
            }
        }

        private double boundLabel(String name) {
            int i = labelNames.indexOf(name);
            if (i < 0) {
                throw error("missing label " + GoQuote.quote(name) + " on sample of " + GoQuote.quote(family.name));
            }
            try {
                return GoFloat.parse(labelValues.get(i));
            } catch (NumberFormatException e) {
                throw error("expected float as value for '" + name + "' label, got " + GoQuote.quote(labelValues.get(i)));
            }
        }

        private Labels labels(String without) {
            int n = labelNames.size() - (without != null && labelNames.contains(without) ? 1 : 0);
            if (n == 0) {
                return Labels.EMPTY;
            }
            String[] names = new String[n];
            String[] values = new String[n];
            int k = 0;
            for (int i = 0; i < labelNames.size(); i++) {
                if (!labelNames.get(i).equals(without)) {
                    names[k] = labelNames.get(i);
                    values[k++] = labelValues.get(i);
                }
            }
            return Labels.ofDistinctNames(names, values);
        }

        private void closeFamily() {
            if (family == null || family.isEmpty()) {
                family = null;
                return;
            }
            for (SeriesBuilder s : family.allSeries()) {
                if (kind == OpenMetricsType.COUNTER && Double.isNaN(s.value)) {
                    throw error("series " + MetricNames.series(family.name + "_created", s.labels) + " has no _total sample");
                }
                if (kind == OpenMetricsType.HISTOGRAM || kind == OpenMetricsType.GAUGEHISTOGRAM || kind == OpenMetricsType.SUMMARY) {
                    if (Double.isNaN(s.count) != Double.isNaN(s.sum)) {
                        throw error("count and sum of " + MetricNames.series(family.name, s.labels) + " must be both present or both absent");
                    }
                }
                if (kind == OpenMetricsType.HISTOGRAM || kind == OpenMetricsType.GAUGEHISTOGRAM) {
                    double inf = s.valueAt(Double.POSITIVE_INFINITY);
                    if (Double.isNaN(inf)) {
                        throw error("histogram " + MetricNames.series(family.name, s.labels) + " has no +Inf bucket");
                    }
                    if (!s.isCumulative()) {
                        throw error("bucket counts of histogram " + MetricNames.series(family.name, s.labels) + " decrease as le grows");
                    }
                    if (Double.isNaN(s.count)) {
                        s.count = inf;
                    }
                }
            }
            MetricFamily built = family.build();
            String name = switch (kind) {
                case COUNTER -> family.name + "_total";
                case INFO -> family.name + "_info";
                default -> family.name;
            };
            if (done.containsKey(name)) {
                throw error("metric family " + GoQuote.quote(name) + " appears twice");
            }
            done.put(name, new MetricFamily(name, built.help(), built.type(), built.unit(), built.metrics()));
            family = null;
        }

        // ---- scanning within the line [p, end) ----

        private void readLabels(String metric) {
            labelNames.clear();
            labelValues.clear();
            if (p >= end || in[p] != '{') {
                return;
            }
            p++;
            if (p < end && in[p] == '}') {
                p++;
                return;
            }
            while (true) {
                int start = p;
                if (p < end && MetricNames.isLabelNameStart(in[p])) {
                    do {
                        p++;
                    } while (p < end && MetricNames.isLabelNameContinuation(in[p]));
                }
                if (start == p) {
                    throw error("invalid label name for metric " + GoQuote.quote(metric));
                }
                String name = ascii(start, p);
                if (name.equals("__name__")) {
                    throw error("label name \"__name__\" is reserved");
                }
                if (labelNames.contains(name)) {
                    throw error("duplicate label names for metric " + GoQuote.quote(metric));
                }
                expect('=');
                expect('"');
                labelNames.add(name);
                labelValues.add(escapedUntil('"'));
                p++;
                if (p < end && in[p] == ',') {
                    p++;
                    continue;
                }
                expect('}');
                return;
            }
        }

        /** An escaped string up to {@code close} (or the end of the line when -1), p left on {@code close}. */
        private String escapedUntil(int close) {
            byte[] out = new byte[Math.max(16, end - p)];
            int n = 0;
            while (true) {
                if (p >= end) {
                    if (close < 0) {
                        break;
                    }
                    throw error("unterminated label value");
                }
                byte b = in[p];
                if (close >= 0 && b == close) {
                    break;
                }
                if (b == '\\' && p + 1 < end) {
                    p++;
                    byte e = in[p];
                    if (e == 'n') {
                        out[n++] = '\n';
                    } else if (e == '\\' || e == '"') {
                        out[n++] = e;
                    } else {
                        // Other escapes are kept as written, as Prometheus' and Python's parsers do.
                        out = ensure(out, n + 2);
                        out[n++] = '\\';
                        out[n++] = e;
                    }
                } else {
                    out[n++] = b;
                }
                p++;
            }
            if (!Utf8.isValid(out, 0, n)) {
                throw error("invalid UTF-8 in " + GoQuote.quote(out, 0, n));
            }
            return Utf8.decode(out, 0, n);
        }

        private static byte[] ensure(byte[] out, int size) {
            return size <= out.length ? out : java.util.Arrays.copyOf(out, Math.max(size, out.length * 2));
        }

        private double number(String what) {
            int start = p;
            while (p < end && in[p] != ' ') {
                p++;
            }
            try {
                return GoFloat.parse(in, start, p);
            } catch (NumberFormatException e) {
                throw error("expected float as " + what + ", got " + GoQuote.quote(in, start, p));
            }
        }

        private String metricName() {
            int start = p;
            if (p < end && (MetricNames.isLabelNameStart(in[p]) || in[p] == ':')) {
                do {
                    p++;
                } while (p < end && (MetricNames.isLabelNameContinuation(in[p]) || in[p] == ':'));
            }
            return ascii(start, p);
        }

        private void expect(char c) {
            if (p >= end) {
                throw error("expected '" + c + "', found end of line");
            }
            if (in[p] != c) {
                throw error("expected '" + c + "', found " + GoQuote.quoteByte(in[p]));
            }
            p++;
        }

        private boolean startsWith(String prefix) {
            if (end - p < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (in[p + i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private String rest() {
            return Utf8.decode(in, p, end);
        }

        private String ascii(int from, int to) {
            return new String(in, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        private ExpositionParseException error(String message) {
            return new ExpositionParseException("openmetrics parsing error in line " + line + ": " + message);
        }
    }
}
