package stackdriver.pushgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --version} as the Pushgateway 1.9+ answers it: on stdout (scripts capture it), nothing on stderr, exit 0. */
class VersionFlagTest {

    @Test
    void versionIsPrintedOnStdoutAndTheProcessExitsWith0() throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "stackdriver.pushgateway.Application", "--version")).start();
        try {
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process exited").isTrue();

            assertThat(process.exitValue()).isZero();
            assertThat(stdout).startsWith("stackdriver-pushgateway, version ");
            assertThat(stderr).isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }
}
