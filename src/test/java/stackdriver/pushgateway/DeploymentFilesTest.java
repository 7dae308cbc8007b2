package stackdriver.pushgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the Dockerfile, the launcher and the README's command must hold; no Docker engine runs here to build it. */
class DeploymentFilesTest {

    @Test
    void theImageBuildCopiesThePackagedDefaultsBeforeItPackages() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile.indexOf("COPY config ./config")).as("config/ copied in the build stage")
                .isPositive().isLessThan(dockerfile.indexOf("mvn -B -ntp -q package"));
        assertThat(dockerfile).contains("ENTRYPOINT [\"/app/bin/stackdriver-pushgateway\"]");
    }

    @Test
    void anOutOfMemoryErrorEndsTheProcessWhereverItIsStarted() throws Exception {
        assertThat(Files.readString(Path.of("bin/stackdriver-pushgateway"))).contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(Files.readString(Path.of("README.md")))
                .contains("java -Xmx2g -XX:+ExitOnOutOfMemoryError -jar target/stackdriver-pushgateway.jar");
    }
}
