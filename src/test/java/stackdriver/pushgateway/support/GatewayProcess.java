package stackdriver.pushgateway.support;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The gateway as a separate process (the test classpath's Application), so a test can SIGKILL it. */
public final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static GatewayProcess start(int port, Path log, String... args) throws Exception {
        return start(port, log, Map.of(), args);
    }

    /** @param environment variables set in the process besides this one's (e.g. GOOGLE_APPLICATION_CREDENTIALS) */
    public static GatewayProcess start(int port, Path log, Map<String, String> environment, String... args)
            throws Exception {
        return start(List.of(), port, log, environment, args);
    }

    /** @param jvmOptions options of the process's JVM, e.g. its heap (-Xmx96m) */
    public static GatewayProcess start(List<String> jvmOptions, int port, Path log, Map<String, String> environment,
            String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only: a test starts several of these on a shared machine, where C2's compiling at start was most
                // of the CPU they took before they were ready
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "stackdriver.pushgateway.Application",
                "--web.listen-address=127.0.0.1:" + port, "--gateway.emulator.port=" + RunningGateway.freePort(),
                "--gateway.emulator.rest-port=-1"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).directory(new File(".")).start();
        GatewayProcess gateway = new GatewayProcess(process, port);
        HttpClient client = HttpClient.newHttpClient();
        Poll.until("the gateway process is ready (log: " + log + ")", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway process exited with " + process.exitValue() + ", see " + log);
            }
            try {
                return client.send(HttpRequest.newBuilder(URI.create(gateway.url("/-/ready"))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
        return gateway;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public Process process() {
        return process;
    }

    /** Sends a push and returns its status. */
    public int push(String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** SIGKILL: no shutdown hook, no last save. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
