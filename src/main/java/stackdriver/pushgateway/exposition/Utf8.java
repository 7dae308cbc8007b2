package stackdriver.pushgateway.exposition;

import java.nio.charset.StandardCharsets;

/** UTF-8 checks and decoding on raw body bytes. */
final class Utf8 {
    private Utf8() {
    }

    /** The length of the valid UTF-8 sequence starting at {@code i}, or 0 when it is not valid (Go's rules). */
    static int sequenceLength(byte[] s, int i, int to) {
        int b = s[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int length;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + length > to) {
            return 0;
        }
        int codePoint = b & (0xff >> (length + 1));
        for (int k = 1; k < length; k++) {
            int c = s[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return 0;
            }
            codePoint = (codePoint << 6) | (c & 0x3f);
        }
        if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
            return 0;
        }
        return length;
    }

    static boolean isValid(byte[] s, int from, int to) {
        for (int i = from; i < to; ) {
            if (s[i] >= 0) {
                i++;
                continue;
            }
            int n = sequenceLength(s, i, to);
            if (n == 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    static String decode(byte[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] < 0) {
                return new String(s, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return new String(s, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
