package stackdriver.pushgateway.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The tokens that text format 0.0.4 and OpenMetrics are both made of: names, escaped strings, numbers,
 * blanks and line ends, read one byte at a time as Go's {@code expfmt.TextParser} reads its bufio.Reader,
 * because where the reference stops reading decides which error it reports and on which line. A last line
 * without its newline reads as if it had one. Errors carry the format's prefix and the line number.
 */
final class ExpositionLexer {

    /** What a backslash means inside an escaped string. */
    private enum Escapes {
        /** Text 0.0.4 label values: {@code \\}, {@code \"} and {@code \n}; any other escape is an error. */
        TEXT_LABEL_VALUE,
        /** Text 0.0.4 HELP: only {@code \\} and {@code \n}. */
        TEXT_HELP,
        /** Text 0.0.4 TYPE: Go swallows the backslash and escapes nothing (a TYPE of "count\er" reads "counter"). */
        TEXT_TYPE,
        /** OpenMetrics: {@code \\}, {@code \"} and {@code \n}; others are kept as written, as Prometheus' and Python's parsers do. */
        OPENMETRICS
    }

    private final byte[] in;
    /** in.length, plus one for the newline we pretend follows a last line that has none. */
    private final int limit;
    private final String errorPrefix;
    /** Text 0.0.4 as Go reads it: a tab separates tokens, and an error past the end is the end of the stream. */
    private final boolean goTextParser;
    private int pos;
    private int c;
    private int line;
    private int tokenStart;
    private int tokenEnd;
    private byte[] scratch = new byte[64];
    private int scratchLength;
    private final Map<String, String> names = new HashMap<>();

    private ExpositionLexer(byte[] in, String errorPrefix, boolean goTextParser) {
        this.in = in;
        this.limit = in.length == 0 || in[in.length - 1] == '\n' ? in.length : in.length + 1;
        this.errorPrefix = errorPrefix;
        this.goTextParser = goTextParser;
    }

    static ExpositionLexer textFormat(byte[] body) {
        return new ExpositionLexer(body, "text format parsing error in line ", true);
    }

    static ExpositionLexer openMetrics(byte[] body) {
        return new ExpositionLexer(body, "openmetrics parsing error in line ", false);
    }

    // ---- the cursor ----

    /** Moves to the first byte of the next line; false when the body has no more. */
    boolean nextLine() {
        if (pos >= limit) {
            return false;
        }
        line++;
        read();
        return true;
    }

    void read() {
        if (pos < in.length) {
            c = in[pos++] & 0xff;
        } else if (pos < limit) {
            pos++;
            c = '\n';
        } else {
            throw error("unexpected end of input stream");
        }
    }

    /** The byte under the cursor; {@code '\n'} at a line end. */
    int current() {
        return c;
    }

    /** The byte after the cursor, without moving; {@code '\n'} past the body. */
    int nextByte() {
        return pos < in.length ? in[pos] & 0xff : '\n';
    }

    boolean atLineEnd() {
        return c == '\n';
    }

    boolean atBlank() {
        return c == ' ' || c == '\t';
    }

    /** Reads at least one byte, then on past blanks and tabs. */
    void readPastBlanks() {
        do {
            read();
        } while (atBlank());
    }

    void skipBlanks() {
        while (atBlank()) {
            read();
        }
    }

    void skipRestOfLine() {
        while (c != '\n') {
            read();
        }
    }

    /** Moves past {@code expected}, or reports what stands there instead (in OpenMetrics' words). */
    void expect(char expected) {
        if (c == '\n') {
            throw error("expected '" + expected + "', found end of line");
        }
        if (c != expected) {
            throw error("expected '" + expected + "', found " + GoQuote.quoteByte(c));
        }
        read();
    }

    /** Moves past {@code prefix} when the line continues with it. */
    boolean take(String prefix) {
        int from = pos - 1;
        int to = from + prefix.length();
        if (to > in.length || !regionIs(in, from, to, prefix)) {
            return false;
        }
        while (pos <= to) {
            read();
        }
        return true;
    }

    /** True when the rest of the line is exactly this ASCII text. */
    boolean restOfLineIs(String text) {
        int from = pos - 1;
        int end = from + text.length();
        return end <= in.length && (end == in.length || in[end] == '\n') && regionIs(in, from, end, text);
    }

    /** The rest of the line as UTF-8 (invalid bytes replaced); the cursor moves to the line end. */
    String restOfLine() {
        int from = pos - 1;
        skipRestOfLine();
        return Utf8.decode(in, from, pos - 1);
    }

    // ---- tokens: names, words, numbers ----

    void metricName() {
        tokenStart = pos - 1;
        if (MetricNames.isLabelNameStart(c) || c == ':') {
            do {
                read();
            } while (MetricNames.isLabelNameContinuation(c) || c == ':');
        }
        tokenEnd = pos - 1;
    }

    private void labelNameToken() {
        tokenStart = pos - 1;
        if (MetricNames.isLabelNameStart(c)) {
            do {
                read();
            } while (MetricNames.isLabelNameContinuation(c));
        }
        tokenEnd = pos - 1;
    }

    /** Up to the next separator: a blank, a tab or the line end in text 0.0.4; a space or the line end in OpenMetrics. */
    void word() {
        tokenStart = pos - 1;
        if (goTextParser) {
            while (c != ' ' && c != '\t' && c != '\n') {
                read();
            }
        } else {
            while (c != ' ' && c != '\n') {
                read();
            }
        }
        tokenEnd = pos - 1;
    }

    boolean tokenIsEmpty() {
        return tokenStart == tokenEnd;
    }

    boolean tokenIs(String word) {
        return regionIs(in, tokenStart, tokenEnd, word);
    }

    /**
     * The name just read: {@code previous} itself when it is the same, else one String per distinct name in
     * the body, because the same names come back on many lines.
     */
    String name(String previous) {
        if (previous != null && tokenIs(previous)) {
            return previous;
        }
        String s = new String(in, tokenStart, tokenEnd - tokenStart, StandardCharsets.ISO_8859_1);
        String known = names.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    /** A word read as a float, as Go's strconv.ParseFloat takes it; {@code what} names it in the error. */
    double number(String what) {
        word();
        try {
            return GoFloat.parse(in, tokenStart, tokenEnd);
        } catch (NumberFormatException e) {
            throw error("expected float as " + what + ", got " + GoQuote.quote(in, tokenStart, tokenEnd));
        }
    }

    /** A word read as milliseconds, as Go's strconv.ParseInt(s, 10, 64) takes it. */
    long integerTimestamp() {
        word();
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
            if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) {
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

    // ---- label names and values, HELP and TYPE text ----

    /** A label name of {@code metric}, which must be one: {@code previous} itself when it is the same. */
    String labelName(String metric, String previous) {
        labelNameToken();
        if (tokenIsEmpty()) {
            throw error("invalid label name for metric " + GoQuote.quote(metric));
        }
        String name = name(previous);
        if (name.equals("__name__")) {
            throw error("label name \"__name__\" is reserved");
        }
        return name;
    }

    /**
     * A label value from the byte after its opening quote, the cursor left on the closing one: {@code previous}
     * itself when it is the same, so that the series of a family share one String for a value they repeat
     * ({@code code="200"}).
     */
    String labelValue(String previous) {
        unescape('"', goTextParser ? Escapes.TEXT_LABEL_VALUE : Escapes.OPENMETRICS);
        if (!Utf8.isValid(scratch, 0, scratchLength)) {
            throw error((goTextParser ? "invalid label value " : "invalid UTF-8 in ") + GoQuote.quote(scratch, 0, scratchLength));
        }
        if (previous != null && regionIs(scratch, 0, scratchLength, previous)) {
            return previous;
        }
        return Utf8.decode(scratch, 0, scratchLength);
    }

    /**
     * A quoted name, the text format's syntax for UTF-8 names ({@code "my.metric"}, {@code "label.name"}), from
     * its opening quote; the cursor is left after the closing one. {@code \\}, {@code \"} and {@code \n} are
     * its escapes. {@code what} ("metric name", "label name") names it in errors.
     */
    String quotedName(String what) {
        read();
        scratchLength = 0;
        while (c != '"') {
            if (c == '\n') {
                throw error(what + " " + GoQuote.quote(scratch, 0, scratchLength) + " contains unescaped new-line");
            }
            if (c == '\\') {
                read();
                if (c == 'n') {
                    append('\n');
                } else if (c == '\\' || c == '"') {
                    append(c);
                } else {
                    throw error("invalid escape sequence '\\" + (char) c + "'");
                }
            } else {
                append(c);
            }
            read();
        }
        read();
        if (!Utf8.isValid(scratch, 0, scratchLength)) {
            throw error("invalid UTF-8 in " + what + " " + GoQuote.quote(scratch, 0, scratchLength));
        }
        String s = Utf8.decode(scratch, 0, scratchLength);
        String known = names.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    /** The label value just read as a float (a bucket's le, a quantile), without decoding it. */
    double labelValueAsNumber() {
        return GoFloat.parse(scratch, 0, scratchLength);
    }

    /** The rest of the line as a HELP text. */
    String help() {
        if (goTextParser) {
            // Go keeps the bytes of a HELP as they are; only valid UTF-8 survives decoding unchanged.
            unescape('\n', Escapes.TEXT_HELP);
            return Utf8.decode(scratch, 0, scratchLength);
        }
        unescape('\n', Escapes.OPENMETRICS);
        if (!Utf8.isValid(scratch, 0, scratchLength)) {
            throw error("invalid UTF-8 in " + GoQuote.quote(scratch, 0, scratchLength));
        }
        return Utf8.decode(scratch, 0, scratchLength);
    }

    /** The rest of the line as text 0.0.4 reads a TYPE word: Go swallows backslashes there. */
    String typeWord() {
        unescape('\n', Escapes.TEXT_TYPE);
        return Utf8.decode(scratch, 0, scratchLength);
    }

    /** Text 0.0.4: nothing but the line end may follow a timestamp (Go reads what does as it reads a TYPE word). */
    void expectLineEndAfterTimestamp() {
        unescape('\n', Escapes.TEXT_TYPE);
        if (scratchLength > 0) {
            throw error("spurious string after timestamp: " + GoQuote.quote(scratch, 0, scratchLength));
        }
    }

    /** An escaped string up to {@code close} ({@code '"'}, or the line end) into scratch; the cursor stays on close. */
    private void unescape(int close, Escapes escapes) {
        scratchLength = 0;
        while (c != close) {
            if (c == '\n') {
                throw error(escapes == Escapes.OPENMETRICS ? "unterminated label value"
                        : "label value " + GoQuote.quote(scratch, 0, scratchLength) + " contains unescaped new-line");
            }
            if (c != '\\') {
                append(c);
            } else if (escapes != Escapes.TEXT_TYPE && !escape(escapes)) {
                continue;
            }
            read();
        }
    }

    /** The byte after a backslash; false when it is the line end, which the cursor then stays on. */
    private boolean escape(Escapes escapes) {
        read();
        if (c == 'n') {
            append('\n');
        } else if (c == '\\' || (c == '"' && escapes != Escapes.TEXT_HELP)) {
            append(c);
        } else if (escapes != Escapes.OPENMETRICS) {
            throw error("invalid escape sequence '\\" + (char) c + "'");
        } else {
            append('\\');
            if (c == '\n') {
                return false;
            }
            append(c);
        }
        return true;
    }

    private void append(int b) {
        if (scratchLength == scratch.length) {
            scratch = Arrays.copyOf(scratch, scratchLength * 2);
        }
        scratch[scratchLength++] = (byte) b;
    }

    /** True when {@code bytes[from, to)} is exactly this ASCII string. */
    private static boolean regionIs(byte[] bytes, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (bytes[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ---- errors ----

    ExpositionParseException error(String message) {
        // Past the newline we pretended to read, Go had already met the end of the stream.
        String reason = goTextParser && pos > in.length ? "unexpected end of input stream" : message;
        return new ExpositionParseException(errorPrefix + line + ": " + reason);
    }

    /** An error about what should have followed the last line (OpenMetrics' missing # EOF). */
    ExpositionParseException errorAfterLastLine(String message) {
        return new ExpositionParseException(errorPrefix + (line + 1) + ": " + message);
    }
}
