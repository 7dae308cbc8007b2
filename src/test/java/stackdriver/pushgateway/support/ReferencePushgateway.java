package stackdriver.pushgateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The real Prometheus Pushgateway (Debian's {@code prometheus-pushgateway}) on a free loopback port, in memory
 * only ({@code --persistence.file=""}: Debian's build defaults to a shared file), with the admin API on so
 * tests can wipe it between cases.
 */
public final class ReferencePushgateway implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus-pushgateway");
    private final Process process;
    private final int port;

    private ReferencePushgateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ReferencePushgateway start() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install prometheus-pushgateway (.ci/run does)");
        }
        int port = RunningGateway.freePort();
        Process process = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=", "--web.enable-admin-api")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ReferencePushgateway reference = new ReferencePushgateway(process, port);
        reference.awaitReady(Duration.ofSeconds(20));
        return reference;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the reference Pushgateway exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url("/-/ready"))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(25).toNanos()); // poll interval
        }
        throw new IllegalStateException("the reference Pushgateway was not ready within " + timeout);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
