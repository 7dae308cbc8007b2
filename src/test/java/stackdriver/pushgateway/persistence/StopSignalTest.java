package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.GatewayProcess;
import stackdriver.pushgateway.support.RunningGateway;

/** SIGTERM stops the gateway as the Pushgateway stops: the final save done, exit code 0. */
class StopSignalTest {

    @Test
    void sigtermSavesAndExitsZero(@TempDir Path dir) throws Exception {
        int port = RunningGateway.freePort();
        String[] args = {"--persistence.file=" + dir.resolve("groups.snapshot"), "--persistence.interval=1h"};
        GatewayProcess gateway = GatewayProcess.start(port, dir.resolve("gateway.log"), args);
        assertThat(gateway.push("PUT", "/metrics/job/sigterm", "kept 1\n")).isEqualTo(200);

        Process process = gateway.process();
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(process.exitValue()).isZero();

        try (GatewayProcess restarted = GatewayProcess.start(port, dir.resolve("gateway.log"), args)) {
            assertThat(restarted.get("/metrics")).contains("kept{instance=\"\",job=\"sigterm\"} 1");
        }
    }
}
