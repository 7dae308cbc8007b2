package stackdriver.pushgateway.export;

import java.nio.charset.StandardCharsets;

/**
 * Label keys and values as Cloud Monitoring accepts them: keys {@code [a-zA-Z][a-zA-Z0-9_]*} of at most 100
 * characters, values of at most 1,024 UTF-8 bytes. Prometheus keys are nearly always valid already; the rest
 * are changed as the OpenTelemetry exporters change them, so the same key maps to the same name everywhere.
 */
public final class LabelSanitizer {
    static final int MAX_KEY_LENGTH = 100;
    static final int MAX_VALUE_BYTES = 1024;

    private LabelSanitizer() {
    }

    /** {@code 1abc} → {@code key_1abc}, {@code _abc} → {@code key_abc}, {@code a-b} → {@code a_b}. */
    public static String key(String key) {
        StringBuilder sanitized = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            sanitized.append(valid ? c : '_');
        }
        if (sanitized.length() == 0) {
            sanitized.append("key");
        } else if (sanitized.charAt(0) == '_') {
            sanitized.insert(0, "key");
        } else if (!Character.isLetter(sanitized.charAt(0))) {
            sanitized.insert(0, "key_");
        }
        return sanitized.length() > MAX_KEY_LENGTH ? sanitized.substring(0, MAX_KEY_LENGTH) : sanitized.toString();
    }

    /** The value cut to 1,024 UTF-8 bytes, never inside a character. */
    public static String value(String value) {
        if (value.length() * 3 <= MAX_VALUE_BYTES) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_VALUE_BYTES) {
            return value;
        }
        int end = MAX_VALUE_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
