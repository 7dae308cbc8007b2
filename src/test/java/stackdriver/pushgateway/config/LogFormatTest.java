package stackdriver.pushgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.GatewayProcess;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.RunningGateway;

/** {@code --log.format}: one logfmt line, or one JSON object, per event on standard error. */
class LogFormatTest {

    private static String backendLine(Path dir, String format) throws Exception {
        Path log = dir.resolve("gateway.log");
        try (GatewayProcess gateway = GatewayProcess.start(RunningGateway.freePort(), log, "--log.format=" + format)) {
            Poll.until("the backend is logged", Duration.ofSeconds(60),
                    () -> Files.readString(log).contains("logger=MonitoringBackend") || Files.readString(log).contains("\"logger\":\"MonitoringBackend\""));
        }
        return Files.readAllLines(log).stream().filter(line -> line.contains("MonitoringBackend")).findFirst().orElseThrow();
    }

    @Test
    void logfmtLinesHaveTimeLevelLoggerAndQuotedMessage(@TempDir Path dir) throws Exception {
        assertThat(backendLine(dir, "logfmt")).matches("ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=info"
                + " logger=MonitoringBackend msg=\"Writing to the embedded Cloud Monitoring emulator: .*, project local-project\"");
    }

    @Test
    void jsonLinesAreOneObjectEach(@TempDir Path dir) throws Exception {
        assertThat(backendLine(dir, "json")).matches("\\{\"ts\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",\"level\":\"info\","
                + "\"logger\":\"MonitoringBackend\",\"msg\":\"Writing to the embedded Cloud Monitoring emulator: .*, project local-project\"}");
    }
}
