package stackdriver.pushgateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import stackdriver.pushgateway.Gateway;
import stackdriver.pushgateway.MonitoringBackends;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.emulator.MetricServiceEmulator;

/** The gateway running in this JVM on a free loopback port, with the repository's routes/ and config/. */
public final class RunningGateway implements AutoCloseable {

    private final Gateway gateway;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningGateway(Gateway gateway, int port) {
        this.gateway = gateway;
        this.port = port;
    }

    /** @param settings extra settings, e.g. {@code "gateway.web.enable-admin-api", "true"} */
    public static RunningGateway start(String... settings) throws Exception {
        return start(Clock.systemUTC(), settings);
    }

    /** The gateway on a clock the test controls: push times and the end times of exported points. */
    public static RunningGateway start(Clock clock, String... settings) throws Exception {
        int port = freePort();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("gateway.web.listen-address", "127.0.0.1:" + port);
        // the embedded Cloud Monitoring emulator on a free port, so that gateways of parallel builds never meet
        overrides.put("gateway.emulator.port", "0");
        overrides.put("gateway.emulator.rest-port", "-1");
        for (int i = 0; i < settings.length; i += 2) {
            overrides.put(settings[i], settings[i + 1]);
        }
        GatewaySettings resolved = GatewaySettings.load(Path.of("config/application.properties"), Map.of(), overrides);
        Gateway gateway = new Gateway(resolved, clock);
        gateway.start();
        return new RunningGateway(gateway, port);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    /** The embedded Cloud Monitoring emulator the gateway writes to (its default backend). */
    public MetricServiceEmulator emulator() {
        return ((MonitoringBackends.Emulated) gateway.export().backend()).emulator();
    }

    public int port() {
        return port;
    }

    /** A raw connection to the gateway, for what an HTTP client would not send (a trickle, nothing at all). */
    public Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
    }

    public String metricsPage() throws Exception {
        return send("GET", "/metrics", null).body();
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
