package stackdriver.pushgateway.exposition;

import java.io.IOException;
import java.io.OutputStream;

/** A buffered UTF-8 writer for exposition text, writing names, escaped strings and numbers without garbage. */
final class TextSink {
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int n;
    /** Names that are not legacy ones written quoted (UTF-8 names); else every name is taken to be ASCII. */
    private final boolean quoteNames;

    TextSink(OutputStream out) {
        this(out, false);
    }

    TextSink(OutputStream out, boolean quoteNames) {
        this.out = out;
        this.quoteNames = quoteNames;
    }

    /** A metric or label name: as it is, or quoted when quoting names and it is not a legacy name. */
    TextSink name(String name) throws IOException {
        if (quoteNames && !MetricNames.isValidMetricName(name)) {
            return write('"').escaped(name, true).write('"');
        }
        return ascii(name);
    }

    TextSink write(char c) throws IOException {
        if (n == buf.length) {
            drain();
        }
        buf[n++] = (byte) c;
        return this;
    }

    /** Metric and label names, type words: always ASCII. */
    TextSink ascii(String s) throws IOException {
        int length = s.length();
        if (n + length > buf.length) {
            drain();
            if (length > buf.length) {
                for (int i = 0; i < length; i++) {
                    write(s.charAt(i));
                }
                return this;
            }
        }
        for (int i = 0; i < length; i++) {
            buf[n++] = (byte) s.charAt(i);
        }
        return this;
    }

    /**
     * Writes {@code {name="value",...} without the closing brace and returns the separator for a further
     * label: {@code '{'} when none was written, else {@code ','}.
     */
    char labelPairs(stackdriver.pushgateway.model.Labels labels) throws IOException {
        return labelPairs(labels, '{');
    }

    /** {@link #labelPairs(stackdriver.pushgateway.model.Labels)} after something already written in the braces. */
    char labelPairs(stackdriver.pushgateway.model.Labels labels, char first) throws IOException {
        char separator = first;
        for (int i = 0; i < labels.size(); i++) {
            write(separator).name(labels.name(i)).write('=').write('"').escaped(labels.value(i), true).write('"');
            separator = ',';
        }
        return separator;
    }

    /** A HELP text or label value: {@code \} and newline escaped, and {@code "} too when {@code quotes}. */
    TextSink escaped(String s, boolean quotes) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                write('\\').write('\\');
            } else if (c == '\n') {
                write('\\').write('n');
            } else if (c == '"' && quotes) {
                write('\\').write('"');
            } else if (c < 0x80) {
                write(c);
            } else {
                i = utf8(s, i);
            }
        }
        return this;
    }

    private int utf8(String s, int i) throws IOException {
        int cp = s.codePointAt(i);
        if (Character.isSurrogate(s.charAt(i)) && cp < 0x10000) {
            cp = 0xfffd; // a lone surrogate cannot be encoded
        }
        if (cp < 0x800) {
            write((char) (0xc0 | (cp >> 6))).write((char) (0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
            write((char) (0xe0 | (cp >> 12))).write((char) (0x80 | ((cp >> 6) & 0x3f)))
                    .write((char) (0x80 | (cp & 0x3f)));
        } else {
            write((char) (0xf0 | (cp >> 18))).write((char) (0x80 | ((cp >> 12) & 0x3f)))
                    .write((char) (0x80 | ((cp >> 6) & 0x3f))).write((char) (0x80 | (cp & 0x3f)));
            return i + 1;
        }
        return i;
    }

    TextSink number(long v) throws IOException {
        if (v == Long.MIN_VALUE) {
            return ascii(Long.toString(v));
        }
        if (v < 0) {
            write('-');
            v = -v;
        }
        if (n + 20 > buf.length) {
            drain();
        }
        int start = n;
        do {
            buf[n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** As Go's expfmt writeFloat: {@code strconv.FormatFloat(v, 'g', -1, 64)}, with 0 for -0. */
    TextSink goFloat(double v) throws IOException {
        if (v == 0) {
            return write('0');
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return number((long) v);
        }
        return ascii(GoFloat.format(v));
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }
}
