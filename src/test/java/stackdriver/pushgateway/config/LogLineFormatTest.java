package stackdriver.pushgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatTest {

    private static LogRecord event(Level level, String message, Throwable thrown) {
        LogRecord event = new LogRecord(level, message);
        event.setLoggerName("stackdriver.pushgateway.export.MetricWriter");
        event.setInstant(Instant.parse("2026-01-02T03:04:05.006Z"));
        event.setThrown(thrown);
        return event;
    }

    @Test
    void logfmtQuotesTheMessageAsAJsonString() {
        assertThat(new LogLineFormat(false).format(event(Level.WARNING, "bad \"x\"\nline\\", null))).isEqualTo(
                "ts=2026-01-02T03:04:05.006Z level=warn logger=MetricWriter msg=\"bad \\\"x\\\"\\nline\\\\\"\n");
    }

    @Test
    void logfmtFollowsTheLineWithTheStackTrace() {
        String line = new LogLineFormat(false).format(event(Level.SEVERE, "failed", new IllegalStateException("boom")));
        assertThat(line).startsWith("ts=2026-01-02T03:04:05.006Z level=error logger=MetricWriter msg=\"failed\"\n"
                + "java.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void jsonIsOneObjectPerLine() {
        assertThat(new LogLineFormat(true).format(event(Level.FINE, "tab\there \u0001", null))).isEqualTo(
                "{\"ts\":\"2026-01-02T03:04:05.006Z\",\"level\":\"debug\",\"logger\":\"MetricWriter\",\"msg\":\"tab\\there \\u0001\"}\n");
    }
}
