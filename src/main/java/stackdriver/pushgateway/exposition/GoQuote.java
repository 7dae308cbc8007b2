package stackdriver.pushgateway.exposition;

import java.nio.charset.StandardCharsets;

/** Go's {@code %q} verb, so that error messages read exactly as the reference Pushgateway's. */
final class GoQuote {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {
    }

    /** {@code strconv.Quote} of raw bytes: invalid UTF-8 is shown as {@code \xNN}. */
    static String quote(byte[] s, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from + 2).append('"');
        int i = from;
        while (i < to) {
            int b = s[i] & 0xff;
            int width = Utf8.sequenceLength(s, i, to);
            if (width == 0) {
                sb.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
                i++;
                continue;
            }
            int codePoint = width == 1 ? b : new String(s, i, width, StandardCharsets.UTF_8).codePointAt(0);
            appendRune(sb, codePoint, '"');
            i += width;
        }
        return sb.append('"').toString();
    }

    static String quote(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return quote(bytes, 0, bytes.length);
    }

    /** {@code %q} of a Go byte: a single-quoted rune literal such as {@code 'a'} or {@code '\n'}. */
    static String quoteByte(int b) {
        StringBuilder sb = new StringBuilder(8).append('\'');
        appendRune(sb, b & 0xff, '\'');
        return sb.append('\'').toString();
    }

    private static void appendRune(StringBuilder sb, int r, char quote) {
        if (r == quote || r == '\\') {
            sb.append('\\').appendCodePoint(r);
            return;
        }
        if (isPrint(r)) {
            sb.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7f) {
                    sb.append("\\x").append(HEX[r >> 4]).append(HEX[r & 0xf]);
                } else if (r < 0x10000) {
                    sb.append(String.format("\\u%04x", r));
                } else {
                    sb.append(String.format("\\U%08x", r));
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int r) {
        if (r < 0x80) {
            return r >= 0x20 && r < 0x7f;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
