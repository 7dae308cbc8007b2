package stackdriver.pushgateway.ingest;

/**
 * Prometheus' value-encoding escape for label names in a push path ({@code --push.enable-utf8-names}): a name
 * that starts with {@code U__} has every {@code __} read as {@code _} and every {@code _<hex>_} as the character
 * of that code point ({@code U__foo_2e_bar} is {@code foo.bar}); other names are taken as they are.
 */
public final class ValueEncodedName {
    static final String PREFIX = "U__";

    private ValueEncodedName() {
    }

    /** A legacy label name as it is, any other (and one starting with {@code U__}) the way {@link #decode} reads back. */
    public static String encode(String name) {
        if (isLegacyName(name) && !name.startsWith(PREFIX)) {
            return name;
        }
        StringBuilder encoded = new StringBuilder(PREFIX);
        name.codePoints().forEach(cp -> {
            boolean legacy = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
            if (cp == '_') {
                encoded.append("__");
            } else if (legacy) {
                encoded.appendCodePoint(cp);
            } else {
                encoded.append('_').append(Integer.toHexString(cp)).append('_');
            }
        });
        return encoded.toString();
    }

    /**
     * @throws IllegalArgumentException with the reason, when a {@code U__} name holds a broken escape
     */
    public static String decode(String name) {
        if (!name.startsWith(PREFIX)) {
            return name;
        }
        StringBuilder decoded = new StringBuilder(name.length());
        int i = PREFIX.length();
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c != '_') {
                decoded.append(c);
                i++;
            } else if (i + 1 < name.length() && name.charAt(i + 1) == '_') {
                decoded.append('_');
                i += 2;
            } else {
                i = codePoint(name, i + 1, decoded);
            }
        }
        return decoded.toString();
    }

    /** The code point whose hex digits start at {@code from}, appended; the index after its closing underscore. */
    private static int codePoint(String name, int from, StringBuilder decoded) {
        int close = name.indexOf('_', from);
        if (close < 0) {
            throw new IllegalArgumentException("escape at byte " + (from - 1) + " has no closing underscore");
        }
        String hex = name.substring(from, close);
        // six digits reach U+10FFFF; Prometheus' own decoder stops at five
        if (hex.length() > 6 || !hex.chars().allMatch(ValueEncodedName::isHexDigit)) {
            throw new IllegalArgumentException("\"_" + hex + "_\" is not a hexadecimal code point");
        }
        int cp = Integer.parseInt(hex, 16);
        if (cp > Character.MAX_CODE_POINT || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            throw new IllegalArgumentException("\"_" + hex + "_\" is not a Unicode character");
        }
        decoded.appendCodePoint(cp);
        return close + 1;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static boolean isLegacyName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
