package stackdriver.pushgateway.exposition;

import java.util.List;
import java.util.Locale;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/**
 * Reads the Prometheus text format 0.0.4 as Go's {@code expfmt.TextParser} (Pushgateway 1.5.1) does: the
 * same state machine byte by byte, the same grouping of {@code _bucket}/{@code _sum}/{@code _count} lines,
 * the same error messages and line numbers. On purpose, a body without its final newline is accepted
 * (the reference answers {@code unexpected end of input stream}), and {@code # TYPE x gauge_histogram} is
 * read as a histogram of gauges (the reference stores an empty family). Duplicate series are kept: the
 * store reports them. Histogram and summary counts are truncated to integers, as Go stores them in uint64
 * (a negative count stays negative: Go wraps it to 1.8e+19). Buckets and quantiles are sorted by bound (Go
 * keeps them in the order pushed).
 *
 * <p>With UTF-8 names (the Pushgateway 1.11's {@code --push.enable-utf8-names}), names may also be quoted, as the
 * text format's UTF-8 extension writes them: {@code {"my.metric","label.name"="v"} 1}, {@code # TYPE "my.metric"
 * counter}. Without, a quote where a name should start is the error it always was.
 */
public final class TextFormatParser {
    private final boolean utf8Names;

    public TextFormatParser() {
        this(false);
    }

    public TextFormatParser(boolean utf8Names) {
        this.utf8Names = utf8Names;
    }

    /** Families in order of first appearance; families without samples are left out. */
    public List<MetricFamily> parse(byte[] body) {
        return new Run(body, utf8Names).parse();
    }

    private static final class Run {
        private final ExpositionLexer lexer;
        private final boolean utf8Names;
        private final TextFamilies families = new TextFamilies();
        private FamilyBuilder current;
        private boolean isCount;
        private boolean isSum;
        private String lastSampleName;
        private FamilyBuilder lastSampleFamily;
        private boolean lastIsCount;
        private boolean lastIsSum;
        /** The sample's le or quantile; NaN when it has none. */
        private double bound;
        /** The sample's labels, le and quantile left out. */
        private final SampleLabels labels = new SampleLabels();

        Run(byte[] in, boolean utf8Names) {
            this.lexer = ExpositionLexer.textFormat(in);
            this.utf8Names = utf8Names;
        }

        List<MetricFamily> parse() {
            while (lexer.nextLine()) {
                lexer.skipBlanks();
                if (lexer.current() == '#') {
                    comment();
                } else if (!lexer.atLineEnd()) {
                    sample();
                }
            }
            return families.build();
        }

        private void comment() {
            lexer.readPastBlanks();
            if (lexer.atLineEnd()) {
                return;
            }
            lexer.word();
            if (lexer.atLineEnd()) {
                return;
            }
            boolean help = lexer.tokenIs("HELP");
            if (!help && !lexer.tokenIs("TYPE")) {
                lexer.skipRestOfLine();
                return;
            }
            lexer.readPastBlanks();
            String quoted = utf8Names && lexer.current() == '"' ? lexer.quotedName("metric name") : null;
            if (quoted == null) {
                lexer.metricName();
            }
            if (lexer.atLineEnd()) {
                return;
            }
            if (!lexer.atBlank() || "".equals(quoted)) {
                throw lexer.error("invalid metric name in comment");
            }
            current = families.select(quoted != null ? quoted : lexer.name(null));
            lexer.readPastBlanks();
            if (lexer.atLineEnd()) {
                return;
            }
            if (help) {
                if (current.help != null) {
                    throw lexer.error("second HELP line for metric name " + GoQuote.quote(current.name));
                }
                current.help = lexer.help();
            } else {
                if (current.type != null) {
                    throw lexer.error("second TYPE line for metric name " + GoQuote.quote(current.name)
                            + ", or TYPE reported after samples");
                }
                current.type = typeNamed(lexer.typeWord());
            }
        }

        private MetricType typeNamed(String word) {
            return switch (word.toUpperCase(Locale.ROOT)) {
                case "COUNTER" -> MetricType.COUNTER;
                case "GAUGE" -> MetricType.GAUGE;
                case "SUMMARY" -> MetricType.SUMMARY;
                case "UNTYPED" -> MetricType.UNTYPED;
                case "HISTOGRAM" -> MetricType.HISTOGRAM;
                case "GAUGE_HISTOGRAM" -> MetricType.GAUGE_HISTOGRAM;
                default -> throw lexer.error("unknown metric type " + GoQuote.quote(word));
            };
        }

        private void sample() {
            lexer.metricName();
            if (lexer.tokenIsEmpty()) {
                if (utf8Names && (lexer.current() == '"' || lexer.current() == '{')) {
                    utf8Sample();
                    return;
                }
                throw lexer.error("invalid metric name");
            }
            if (lastSampleName != null && lexer.tokenIs(lastSampleName)) {
                // Consecutive lines nearly always share a name, and a name always resolves to the same family.
                current = lastSampleFamily;
                isCount = lastIsCount;
                isSum = lastIsSum;
            } else {
                selectSampleFamily(lexer.name(null));
            }
            startSample();
            lexer.skipBlanks();
            if (lexer.current() == '{') {
                labelSet();
            }
            value();
        }

        private void startSample() {
            if (current.type == null) {
                current.type = MetricType.UNTYPED;
            }
            labels.clear();
            bound = Double.NaN;
        }

        /** A sample whose name is quoted ({@code "my.metric" 1}) or inside the braces ({@code {"my.metric",a="b"} 1}). */
        private void utf8Sample() {
            boolean insideBraces = lexer.current() == '{';
            if (insideBraces) {
                lexer.readPastBlanks();
            }
            String name;
            if (lexer.current() == '"') {
                name = lexer.quotedName("metric name");
            } else {
                lexer.metricName();
                name = lexer.name(null);
            }
            if (name.isEmpty()) {
                throw lexer.error("invalid metric name");
            }
            selectSampleFamily(name);
            startSample();
            lexer.skipBlanks();
            if (!insideBraces) {
                if (lexer.current() == '{') {
                    labelSet();
                }
            } else if (lexer.current() == ',') {
                labelSet();
            } else if (lexer.current() == '}') {
                lexer.readPastBlanks();
            } else {
                throw lexer.error("unexpected end of metric name " + GoQuote.quoteByte(lexer.current()));
            }
            value();
        }

        private void selectSampleFamily(String name) {
            lastSampleName = name;
            current = families.select(name);
            isCount = families.selectedCount();
            isSum = families.selectedSum();
            lastSampleFamily = current;
            lastIsCount = isCount;
            lastIsSum = isSum;
        }

        private void labelSet() {
            boolean summary = current.type == MetricType.SUMMARY;
            boolean histogram = current.isHistogram();
            for (int position = 0; ; position++) {
                lexer.readPastBlanks();
                if (lexer.current() == '}') {
                    lexer.readPastBlanks();
                    return;
                }
                String name = utf8Names && lexer.current() == '"' ? quotedLabelName()
                        : lexer.labelName(current.name, current.previousLabel(position, 0));
                boolean isBound = (summary && name.equals("quantile")) || (histogram && name.equals("le"));
                lexer.skipBlanks();
                if (lexer.current() != '=') {
                    throw lexer.error("expected '=' after label name, found " + GoQuote.quoteByte(lexer.current()));
                }
                if (!isBound && labels.contains(name)) {
                    throw lexer.error("duplicate label names for metric " + GoQuote.quote(current.name));
                }
                lexer.readPastBlanks();
                if (lexer.current() != '"') {
                    throw lexer.error("expected '\"' at start of label value, found " + GoQuote.quoteByte(lexer.current()));
                }
                lexer.read();
                String value = lexer.labelValue(current.previousLabel(position, 1));
                current.rememberLabel(position, name, value);
                if (isBound) {
                    bound = boundOf(name, value);
                } else {
                    labels.add(name, value);
                }
                lexer.readPastBlanks();
                if (lexer.current() == '}') {
                    lexer.readPastBlanks();
                    return;
                }
                if (lexer.current() != ',') {
                    throw lexer.error("unexpected end of label value " + GoQuote.quote(value));
                }
            }
        }

        private String quotedLabelName() {
            String name = lexer.quotedName("label name");
            if (name.isEmpty()) {
                throw lexer.error("invalid label name for metric " + GoQuote.quote(current.name));
            }
            if (name.equals("__name__")) {
                throw lexer.error("label name \"__name__\" is reserved");
            }
            return name;
        }

        private double boundOf(String name, String value) {
            try {
                return lexer.labelValueAsNumber();
            } catch (NumberFormatException e) {
                throw lexer.error("expected float as value for '" + name + "' label, got " + GoQuote.quote(value));
            }
        }

        private void value() {
            double value = lexer.number("value");
            long timestamp = Metric.NO_TIMESTAMP;
            if (!lexer.atLineEnd()) {
                lexer.readPastBlanks();
                timestamp = lexer.integerTimestamp();
                lexer.expectLineEndAfterTimestamp();
            }
            store(value, timestamp);
        }

        private void store(double value, long timestamp) {
            Labels seriesLabels = labels.toLabels(current, null);
            MetricType type = current.type;
            if (type != MetricType.SUMMARY && !current.isHistogram()) {
                Metric metric = Metric.ofValue(seriesLabels, value);
                current.addValue(timestamp == Metric.NO_TIMESTAMP ? metric : metric.withTimestamp(timestamp));
                return;
            }
            SeriesBuilder series = current.series(seriesLabels, 0, 0);
            if (timestamp != Metric.NO_TIMESTAMP) {
                series.timestampMillis = timestamp;
            }
            if (isCount) {
                series.count = truncateToCount(value);
            } else if (isSum) {
                series.sum = value;
            } else if (!Double.isNaN(bound)) {
                series.add(bound, type == MetricType.SUMMARY ? value : truncateToCount(value));
            }
        }

        /** Go keeps histogram and summary counts in a uint64. */
        private static double truncateToCount(double v) {
            return v >= 0 && v < 0x1p64 ? Math.floor(v) : v;
        }
    }
}
