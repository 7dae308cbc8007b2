package stackdriver.pushgateway.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One log line per event, as the Pushgateway writes them: {@code ts=… level=… logger=… msg="…"} (logfmt, followed by
 * the stack trace of an exception) or {@code {"ts":…,"level":…,"logger":…,"msg":…}} (json).
 */
final class LogLineFormat extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private final boolean json;

    LogLineFormat(boolean json) {
        this.json = json;
    }

    @Override
    public String format(LogRecord event) {
        StringBuilder line = new StringBuilder(128);
        String time = TIME.format(event.getInstant());
        String level = level(event.getLevel());
        String logger = shortName(event.getLoggerName());
        if (json) {
            line.append("{\"ts\":\"").append(time).append("\",\"level\":\"").append(level).append("\",\"logger\":\"")
                    .append(logger).append("\",\"msg\":\"");
            appendEscaped(line, formatMessage(event));
            line.append("\"}\n");
        } else {
            line.append("ts=").append(time).append(" level=").append(level).append(" logger=").append(logger)
                    .append(" msg=\"");
            appendEscaped(line, formatMessage(event));
            line.append("\"\n");
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
        }
        return line.toString();
    }

    /** SLF4J's levels, which java.util.logging calls otherwise. */
    private static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warn";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        return value >= Level.FINE.intValue() ? "debug" : "trace";
    }

    private static String shortName(String logger) {
        return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
    }

    /** As a JSON string's contents. */
    private static void appendEscaped(StringBuilder line, String text) {
        if (text == null) {
            line.append("null");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case '\b' -> line.append("\\b");
                case '\f' -> line.append("\\f");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04X", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
    }
}
