package stackdriver.pushgateway.exposition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class TextFormatParser {

    /** Families in order of first appearance; families without samples are left out. */
    public List<MetricFamily> parse(byte[] body) {
        return new Run(body).parse();
    }

    private static final class Run {
        private final byte[] in;
        /** in.length, plus one for the newline we pretend follows a last line that has none. */
        private final int limit;
        private int pos;
        private int c;
        private int line;
        private int tokenStart;
        private int tokenEnd;
        private byte[] scratch = new byte[64];
        private int scratchLength;

        private final Map<String, FamilyBuilder> families = new LinkedHashMap<>();
        private FamilyBuilder current;
        private boolean isCount;
        private boolean isSum;
        private String lastSampleName;
        private FamilyBuilder lastSampleFamily;
        private boolean lastIsCount;
        private boolean lastIsSum;
        private double bound;
        private final List<String> labelNames = new ArrayList<>();
        private final List<String> labelValues = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();

        Run(byte[] in) {
            this.in = in;
            this.limit = in.length == 0 || in[in.length - 1] == '\n' ? in.length : in.length + 1;
        }

        List<MetricFamily> parse() {
            while (startOfLine()) {
                // one line per call
            }
            List<MetricFamily> result = new ArrayList<>(families.size());
            for (FamilyBuilder f : families.values()) {
                if (!f.isEmpty()) {
                    result.add(f.build());
                }
            }
            return result;
        }

        private boolean startOfLine() {
            line++;
            do {
                if (pos >= limit) {
                    return false;
                }
                read();
            } while (isBlankOrTab(c));
            if (c == '#') {
                comment();
            } else if (c != '\n') {
                sample();
            }
            return true;
        }

        private void comment() {
            skipBlankTab();
            if (c == '\n') {
                return;
            }
            tokenUntilWhitespace();
            if (c == '\n') {
                return;
            }
            boolean help = tokenIs("HELP");
            if (!help && !tokenIs("TYPE")) {
                while (c != '\n') {
                    read();
                }
                return;
            }
            skipBlankTab();
            metricNameToken();
            if (c == '\n') {
                return;
            }
            if (!isBlankOrTab(c)) {
                throw error("invalid metric name in comment");
            }
            selectFamily(tokenString());
            skipBlankTab();
            if (c == '\n') {
                return;
            }
            if (help) {
                if (current.help != null) {
                    throw error("second HELP line for metric name " + GoQuote.quote(current.name));
                }
                tokenUntilNewline(true);
                current.help = Utf8.decode(scratch, 0, scratchLength);
            } else {
                if (current.type != null) {
                    throw error("second TYPE line for metric name " + GoQuote.quote(current.name)
                            + ", or TYPE reported after samples");
                }
                tokenUntilNewline(false);
                current.type = typeNamed(Utf8.decode(scratch, 0, scratchLength));
            }
        }

        private MetricType typeNamed(String word) {
            return switch (word.toUpperCase(java.util.Locale.ROOT)) {
                case "COUNTER" -> MetricType.COUNTER;
                case "GAUGE" -> MetricType.GAUGE;
                case "SUMMARY" -> MetricType.SUMMARY;
                case "UNTYPED" -> MetricType.UNTYPED;
                case "HISTOGRAM" -> MetricType.HISTOGRAM;
                case "GAUGE_HISTOGRAM" -> MetricType.GAUGE_HISTOGRAM;
                default -> throw error("unknown metric type " + GoQuote.quote(word));
            };
        }

        private void sample() {
            metricNameToken();
            if (tokenStart == tokenEnd) {
                throw error("invalid metric name");
            }
            if (lastSampleName != null && tokenIs(lastSampleName)) {
                // Consecutive lines nearly always share a name, and a name always resolves to the same family.
                current = lastSampleFamily;
                isCount = lastIsCount;
                isSum = lastIsSum;
            } else {
                lastSampleName = tokenString();
                selectFamily(lastSampleName);
                lastSampleFamily = current;
                lastIsCount = isCount;
                lastIsSum = isSum;
            }
            if (current.type == null) {
                current.type = MetricType.UNTYPED;
            }
            if (isBlankOrTab(c)) {
                skipBlankTab();
            }
            labelNames.clear();
            labelValues.clear();
            bound = Double.NaN;
            if (c == '{') {
                readLabels();
            }
            value();
        }

        private void readLabels() {
            boolean summary = current.type == MetricType.SUMMARY;
            boolean histogram = current.isHistogram();
            for (int position = 0; ; position++) {
                skipBlankTab();
                if (c == '}') {
                    skipBlankTab();
                    return;
                }
                labelNameToken();
                if (tokenStart == tokenEnd) {
                    throw error("invalid label name for metric " + GoQuote.quote(current.name));
                }
                String previousName = current.previousLabel(position, 0);
                String name = previousName != null && tokenIs(previousName) ? previousName : tokenString();
                if (name.equals("__name__")) {
                    throw error("label name \"__name__\" is reserved");
                }
                boolean quantile = summary && name.equals("quantile");
                boolean le = histogram && name.equals("le");
                if (!quantile && !le) {
                    labelNames.add(name);
                }
                if (isBlankOrTab(c)) {
                    skipBlankTab();
                }
                if (c != '=') {
                    throw error("expected '=' after label name, found " + GoQuote.quoteByte(c));
                }
                checkDuplicateLabelNames();
                skipBlankTab();
                if (c != '"') {
                    throw error("expected '\"' at start of label value, found " + GoQuote.quoteByte(c));
                }
                labelValueToken();
                if (!Utf8.isValid(scratch, 0, scratchLength)) {
                    throw error("invalid label value " + GoQuote.quote(scratch, 0, scratchLength));
                }
                String previousValue = current.previousLabel(position, 1);
                String value = previousValue != null && scratchIs(previousValue) ? previousValue
                        : Utf8.decode(scratch, 0, scratchLength);
                current.rememberLabel(position, name, value);
                if (quantile || le) {
                    try {
                        bound = GoFloat.parse(scratch, 0, scratchLength);
                    } catch (NumberFormatException e) {
                        throw error("expected float as value for '" + name + "' label, got " + GoQuote.quote(value));
                    }
                } else {
                    labelValues.add(value);
                }
                skipBlankTab();
                if (c == '}') {
                    skipBlankTab();
                    return;
                }
                if (c != ',') {
                    throw error("unexpected end of label value " + GoQuote.quote(value));
                }
            }
        }

        private void checkDuplicateLabelNames() {
            String last = labelNames.isEmpty() ? null : labelNames.get(labelNames.size() - 1);
            for (int i = 0; i < labelNames.size() - 1; i++) {
                if (labelNames.get(i).equals(last)) {
                    throw error("duplicate label names for metric " + GoQuote.quote(current.name));
                }
            }
        }

        private void value() {
            tokenUntilWhitespace();
            double value;
            try {
                value = GoFloat.parse(in, tokenStart, tokenEnd);
            } catch (NumberFormatException e) {
                throw error("expected float as value, got " + GoQuote.quote(in, tokenStart, tokenEnd));
            }
            long timestamp = Metric.NO_TIMESTAMP;
            if (c != '\n') {
                skipBlankTab();
                tokenUntilWhitespace();
                timestamp = parseTimestamp();
                tokenUntilNewline(false);
                if (scratchLength > 0) {
                    throw error("spurious string after timestamp: " + GoQuote.quote(scratch, 0, scratchLength));
                }
            }
            store(value, timestamp);
        }

        private void store(double value, long timestamp) {
            Labels labels = labels();
            MetricType type = current.type;
            if (type != MetricType.SUMMARY && !current.isHistogram()) {
                Metric metric = Metric.ofValue(labels, value);
                current.addValue(timestamp == Metric.NO_TIMESTAMP ? metric : metric.withTimestamp(timestamp));
                return;
            }
            SeriesBuilder series = current.series(labels, 0, 0);
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

        private Labels labels() {
            int n = labelNames.size();
            if (n == 0) {
                return Labels.EMPTY;
            }
            current.previousLabels = Labels.ofDistinctNames(labelNames.toArray(new String[n]),
                    labelValues.toArray(new String[n]), current.previousLabels);
            return current.previousLabels;
        }

        /** Go keeps histogram and summary counts in a uint64. */
        private static double truncateToCount(double v) {
            return v >= 0 && v < 0x1p64 ? Math.floor(v) : v;
        }

        /** strconv.ParseInt(s, 10, 64). */
        private long parseTimestamp() {
            int i = tokenStart;
            boolean negative = false;
            if (i < tokenEnd && (in[i] == '+' || in[i] == '-')) {
                negative = in[i] == '-';
                i++;
            }
            if (i == tokenEnd) {
                throw timestampError();
            }
            long value = 0;
            for (; i < tokenEnd; i++) {
                int digit = in[i] - '0';
                if (digit < 0 || digit > 9) {
                    throw timestampError();
                }
                if (value < (Long.MIN_VALUE + digit) / 10) {
                    throw timestampError();
                }
                value = value * 10 - digit;
            }
            if (!negative && value == Long.MIN_VALUE) {
                throw timestampError();
            }
            return negative ? value : -value;
        }

        private ExpositionParseException timestampError() {
            return error("expected integer as timestamp, got " + GoQuote.quote(in, tokenStart, tokenEnd));
        }

        /** Go's setOrCreateCurrentMF: {@code x_count} and {@code x_sum} (and {@code x_bucket}) join a summary (histogram) x. */
        private void selectFamily(String name) {
            isCount = false;
            isSum = false;
            current = families.get(name);
            if (current != null) {
                return;
            }
            boolean count = name.length() > 6 && name.endsWith("_count");
            boolean sum = name.length() > 4 && name.endsWith("_sum");
            boolean bucket = name.length() > 7 && name.endsWith("_bucket");
            if (count || sum) {
                FamilyBuilder base = families.get(name.substring(0, name.length() - (count ? 6 : 4)));
                if (base != null && base.type == MetricType.SUMMARY) {
                    current = base;
                    isCount = count;
                    isSum = sum;
                    return;
                }
            }
            if (count || sum || bucket) {
                FamilyBuilder base = families.get(name.substring(0, name.length() - (count ? 6 : sum ? 4 : 7)));
                if (base != null && base.isHistogram()) {
                    current = base;
                    isCount = count;
                    isSum = sum;
                    return;
                }
            }
            current = new FamilyBuilder(name);
            families.put(name, current);
        }

        // ---- scanning, as Go's TextParser reads its bufio.Reader ----

        private void read() {
            if (pos < in.length) {
                c = in[pos++] & 0xff;
            } else if (pos < limit) {
                pos++;
                c = '\n';
            } else {
                throw error("unexpected end of input stream");
            }
        }

        private ExpositionParseException error(String message) {
            // Past the newline we pretended to read, Go had already met the end of the stream.
            String reason = pos > in.length ? "unexpected end of input stream" : message;
            return new ExpositionParseException("text format parsing error in line " + line + ": " + reason);
        }

        private void skipBlankTab() {
            do {
                read();
            } while (isBlankOrTab(c));
        }

        private void tokenUntilWhitespace() {
            tokenStart = pos - 1;
            while (!isBlankOrTab(c) && c != '\n') {
                read();
            }
            tokenEnd = pos - 1;
        }

        private void metricNameToken() {
            tokenStart = pos - 1;
            if (isLabelNameStart(c) || c == ':') {
                do {
                    read();
                } while (isLabelNameContinuation(c) || c == ':');
            }
            tokenEnd = pos - 1;
        }

        private void labelNameToken() {
            tokenStart = pos - 1;
            if (isLabelNameStart(c)) {
                do {
                    read();
                } while (isLabelNameContinuation(c));
            }
            tokenEnd = pos - 1;
        }

        /** The rest of the line into scratch; with escapes, {@code \\} and {@code \n} as in HELP. */
        private void tokenUntilNewline(boolean escapes) {
            scratchLength = 0;
            boolean escaped = false;
            while (true) {
                if (escaped) {
                    if (c == '\\') {
                        append('\\');
                    } else if (c == 'n') {
                        append('\n');
                    } else {
                        throw error("invalid escape sequence '\\" + (char) c + "'");
                    }
                    escaped = false;
                } else if (c == '\n') {
                    return;
                } else if (c == '\\') {
                    // Without escapes Go still swallows the backslash (a TYPE of "count\er" reads "counter").
                    escaped = escapes;
                } else {
                    append(c);
                }
                read();
            }
        }

        /** A quoted label value into scratch; the opening quote is in c. */
        private void labelValueToken() {
            scratchLength = 0;
            boolean escaped = false;
            while (true) {
                read();
                if (escaped) {
                    switch (c) {
                        case '"', '\\' -> append(c);
                        case 'n' -> append('\n');
                        default -> throw error("invalid escape sequence '\\" + (char) c + "'");
                    }
                    escaped = false;
                } else if (c == '"') {
                    return;
                } else if (c == '\n') {
                    throw error("label value " + GoQuote.quote(scratch, 0, scratchLength)
                            + " contains unescaped new-line");
                } else if (c == '\\') {
                    escaped = true;
                } else {
                    append(c);
                }
            }
        }

        private void append(int b) {
            if (scratchLength == scratch.length) {
                scratch = java.util.Arrays.copyOf(scratch, scratchLength * 2);
            }
            scratch[scratchLength++] = (byte) b;
        }

        /** True when scratch holds exactly this ASCII string. */
        private boolean scratchIs(String s) {
            if (scratchLength != s.length()) {
                return false;
            }
            for (int i = 0; i < scratchLength; i++) {
                if (scratch[i] != s.charAt(i) || scratch[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean tokenIs(String word) {
            if (tokenEnd - tokenStart != word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (in[tokenStart + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Names are ASCII; the same name is read on many lines, so one String instance serves them all. */
        private String tokenString() {
            String s = new String(in, tokenStart, tokenEnd - tokenStart, java.nio.charset.StandardCharsets.ISO_8859_1);
            String known = names.putIfAbsent(s, s);
            return known == null ? s : known;
        }
    }

    static boolean isBlankOrTab(int b) {
        return b == ' ' || b == '\t';
    }

    static boolean isLabelNameStart(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    }

    static boolean isLabelNameContinuation(int b) {
        return isLabelNameStart(b) || (b >= '0' && b <= '9');
    }
}
