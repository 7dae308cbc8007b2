package stackdriver.pushgateway.config;

import java.time.Duration;

/** Durations written as Prometheus does: {@code 500ms}, {@code 15s}, {@code 5m}, {@code 1h}, {@code 1h30m}. */
public final class DurationText {

    private DurationText() {
    }

    public static Duration parse(String key, String text) {
        Duration total = Duration.ZERO;
        int i = 0;
        if (text.isEmpty()) {
            throw invalid(key, text);
        }
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw invalid(key, text);
            }
            long amount = Long.parseLong(text.substring(start, i));
            int unitStart = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            total = total.plus(switch (text.substring(unitStart, i)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw invalid(key, text);
            });
        }
        return total;
    }

    private static IllegalArgumentException invalid(String key, String text) {
        return new IllegalArgumentException("setting " + key + " must be a duration such as 500ms, 15s, 5m or 1h, not \""
                + text + "\"");
    }
}
