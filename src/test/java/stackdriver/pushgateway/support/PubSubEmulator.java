package stackdriver.pushgateway.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Google's real Pub/Sub emulator from the gcloud SDK, on a loopback port, ready when it logs "Server started". */
public final class PubSubEmulator implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator");
    private final int port;
    private Process process;

    private PubSubEmulator(int port) {
        this.port = port;
    }

    public static PubSubEmulator start() throws Exception {
        PubSubEmulator emulator = new PubSubEmulator(RunningGateway.freePort());
        emulator.startProcess();
        return emulator;
    }

    /** Starts it again on the same port, after {@link #stop()}. */
    public void startProcess() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the Google Cloud SDK's Pub/Sub emulator is needed");
        }
        process = new ProcessBuilder(BINARY.toString(), "--host=127.0.0.1", "--port=" + port)
                .redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.contains("Server started")) {
                        started.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, "pubsub-emulator-output");
        reader.setDaemon(true);
        reader.start();
        if (!started.await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
            stop();
            throw new IllegalStateException("the Pub/Sub emulator did not start within 60 s");
        }
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
