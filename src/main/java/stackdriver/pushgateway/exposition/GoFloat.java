package stackdriver.pushgateway.exposition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Floats read and written as Go's {@code strconv} does, because the reference Pushgateway (Go) decides
 * which values are valid and how they look on GET /metrics.
 */
public final class GoFloat {
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private GoFloat() {
    }

    /**
     * Parses {@code s[from, to)} as expfmt's parseFloat does: Go's {@code strconv.ParseFloat} without
     * {@code p}, {@code P} or {@code _} (so no hexadecimal), overflow an error, case-insensitive
     * {@code inf}/{@code infinity} with an optional sign and {@code nan} without one.
     *
     * @throws NumberFormatException when Go would not accept the text
     */
    static double parse(byte[] s, int from, int to) {
        if (from >= to) {
            throw new NumberFormatException("empty");
        }
        int i = from;
        boolean negative = false;
        if (s[i] == '+' || s[i] == '-') {
            negative = s[i] == '-';
            i++;
        }
        if (i < to && (s[i] | 0x20) == 'i') {
            if (equalsIgnoreCase(s, i, to, "inf") || equalsIgnoreCase(s, i, to, "infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            throw new NumberFormatException("not a number");
        }
        if (i == from && equalsIgnoreCase(s, i, to, "nan")) {
            return Double.NaN;
        }
        long mantissa = 0;
        int significantDigits = 0;
        int digits = 0;
        int decimalExponent = 0;
        boolean dot = false;
        for (; i < to; i++) {
            byte b = s[i];
            if (b >= '0' && b <= '9') {
                digits++;
                if (significantDigits > 0 || b != '0') {
                    significantDigits++;
                    if (significantDigits <= 18) {
                        mantissa = mantissa * 10 + (b - '0');
                        if (dot) {
                            decimalExponent--;
                        }
                    } else if (!dot) {
                        decimalExponent++;
                    }
                } else if (dot) {
                    decimalExponent--;
                }
            } else if (b == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            throw new NumberFormatException("no digits");
        }
        if (i < to) {
            if ((s[i] | 0x20) != 'e') {
                throw new NumberFormatException("unexpected character");
            }
            i++;
            int expStart = i;
            if (i < to && (s[i] == '+' || s[i] == '-')) {
                i++;
            }
            if (i == to) {
                throw new NumberFormatException("no exponent digits");
            }
            for (; i < to; i++) {
                if (s[i] < '0' || s[i] > '9') {
                    throw new NumberFormatException("unexpected character");
                }
            }
            return slowParse(s, from, to);
        }
        // Exact when the mantissa fits in 53 bits and the power of ten is exact (Clinger's fast path).
        if (significantDigits <= 15 && decimalExponent >= -22 && decimalExponent <= 22) {
            double v = decimalExponent < 0 ? mantissa / POWERS_OF_TEN[-decimalExponent]
                    : mantissa * POWERS_OF_TEN[decimalExponent];
            return negative ? -v : v;
        }
        return slowParse(s, from, to);
    }

    private static double slowParse(byte[] s, int from, int to) {
        double v = Double.parseDouble(new String(s, from, to - from, StandardCharsets.ISO_8859_1));
        if (Double.isInfinite(v)) {
            throw new NumberFormatException("value out of range");
        }
        return v;
    }

    static double parse(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    private static boolean equalsIgnoreCase(byte[] s, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((s[from + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code strconv.FormatFloat(v, 'g', -1, 64)}: shortest digits, exponent form below 1e-4 and from 1e6. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        Decimal d = Decimal.shortest(Math.abs(v));
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) {
            sb.append('-');
        }
        String digits = d.digits;
        int exponent = d.pointPosition - 1;
        if (exponent < -4 || exponent >= 6) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else if (d.pointPosition <= 0) {
            sb.append("0.");
            for (int i = d.pointPosition; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (d.pointPosition >= digits.length()) {
            sb.append(digits);
            for (int i = digits.length(); i < d.pointPosition; i++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, d.pointPosition).append('.').append(digits, d.pointPosition, digits.length());
        }
        return sb.toString();
    }

    /** Significant digits and where the decimal point goes: value = 0.digits × 10^pointPosition. */
    private record Decimal(String digits, int pointPosition) {

        static Decimal shortest(double positive) {
            Decimal d = fromJavaString(Double.toString(positive));
            // Java 17's Double.toString sometimes gives a digit more than the shortest round-trip form
            // (JDK-4511638, fixed in 19), seen with 16+ digits and subnormals; Go prints the shortest, so
            // drop digits while the value survives.
            while (d.digits.length() >= 16 || (positive < Double.MIN_NORMAL && d.digits.length() > 1)) {
                BigDecimal shorter = new BigDecimal(d.digits + "E" + (d.pointPosition - d.digits.length()))
                        .round(new MathContext(d.digits.length() - 1, RoundingMode.HALF_EVEN));
                if (shorter.doubleValue() != positive) {
                    break;
                }
                d = fromJavaString(shorter.toString());
            }
            return d;
        }

        /** Reads the digits of a Java decimal rendering such as {@code 123.45}, {@code 1.5E-7} or {@code 2E+3}. */
        static Decimal fromJavaString(String s) {
            int e = s.indexOf('E');
            String mantissa = e < 0 ? s : s.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1).replace("+", ""));
            int dot = mantissa.indexOf('.');
            String digits = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            int point = (dot < 0 ? mantissa.length() : dot) + exponent;
            int start = 0;
            while (start < digits.length() - 1 && digits.charAt(start) == '0') {
                start++;
                point--;
            }
            int end = digits.length();
            while (end > start + 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(digits.substring(start, end), point);
        }
    }
}
