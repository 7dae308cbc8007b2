package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.RunningGateway;

/** {@code java -jar stackdriver-pushgateway.jar emulator --port=N --rest-port=M} starts only the emulator. */
class EmulatorCommandProcessTest {

    @Test
    void theApplicationsEmulatorCommandServesTheRestReadApi() throws Exception {
        int port = RunningGateway.freePort();
        int restPort = RunningGateway.freePort();
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "stackdriver.pushgateway.Application",
                "emulator", "--port=" + port, "--rest-port=" + restPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest descriptors = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + restPort + "/v3/projects/p/monitoredResourceDescriptors")).build();
            Poll.until("the emulator answers", Duration.ofSeconds(60), () -> {
                assertThat(process.isAlive()).as("emulator process alive").isTrue();
                try {
                    return client.send(descriptors, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            });
            assertThat(client.send(descriptors, HttpResponse.BodyHandlers.ofString()).body()).contains("prometheus_target");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }
}
