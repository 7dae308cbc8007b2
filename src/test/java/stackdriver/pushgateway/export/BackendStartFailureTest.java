package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.RunningGateway;

/** The backend starts after the HTTP server, but a gateway whose emulator cannot start still fails loudly. */
class BackendStartFailureTest {

    @Test
    void startThrowsWhenTheEmulatorPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> RunningGateway.start("gateway.emulator.port", Integer.toString(taken.getLocalPort())))
                    .hasMessageContaining("emulator could not start");
        }
    }

    @Test
    void theProcessExitsWithAnErrorWhenTheEmulatorPortIsTaken(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gateway.log");
        try (ServerSocket taken = new ServerSocket(0)) {
            Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "stackdriver.pushgateway.Application",
                    "--web.listen-address=127.0.0.1:" + RunningGateway.freePort(),
                    "--gateway.emulator.port=" + taken.getLocalPort(), "--gateway.emulator.rest-port=-1"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the gateway exited").isTrue();
                assertThat(process.exitValue()).isEqualTo(1);
                assertThat(Files.readString(log))
                        .contains("stackdriver-pushgateway: error: The Cloud Monitoring emulator could not start");
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
