package stackdriver.pushgateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import stackdriver.pushgateway.config.GatewaySettings;

/**
 * {@code gateway.web.reads-from}: an ingest replica holds no groups, so it forwards the reads (GET and HEAD of the
 * telemetry path, the {@code /api/v1} reads and the web page) to the writers' Service, and whatever a browser,
 * Grafana or a scraping Prometheus is pointed at (the pushers' Service) shows every group. Health, readiness and
 * the pushes stay its own. A writer that cannot be reached is answered 502 by the proxy.
 */
public record ReadForwarding(URI origin) {

    public static Optional<ReadForwarding> from(GatewaySettings settings) {
        String value = settings.get("gateway.web.reads-from", "").trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        URI origin;
        try {
            origin = URI.create(value);
        } catch (IllegalArgumentException e) {
            origin = null;
        }
        if (origin == null || !List.of("http", "https").contains(origin.getScheme()) || origin.getHost() == null
                || !(origin.getPath() == null || origin.getPath().isEmpty() || origin.getPath().equals("/"))) {
            throw new IllegalArgumentException("gateway.web.reads-from must be the writers' http:// or https:// address"
                    + " without a path (e.g. http://pushgateway-writer:9091), not \"" + value + "\"");
        }
        return Optional.of(new ReadForwarding(origin));
    }

    private boolean https() {
        return origin.getScheme().equals("https");
    }

    private int port() {
        return origin.getPort() != -1 ? origin.getPort() : https() ? 443 : 80;
    }

    /**
     * @param router the routes below the route prefix; a request's whole path is forwarded as it came, so the writers
     *               must have the same prefix
     */
    void install(Router router, Vertx vertx, HttpSettings settings) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(https()));
        ProxyHandler proxy = ProxyHandler.create(HttpProxy.reverseProxy(client).origin(port(), origin.getHost()));
        List<String> paths = List.of(settings.telemetryPath(), HttpSettings.API_PATH + "/metrics",
                HttpSettings.API_PATH + "/status", HttpSettings.API_PATH + "/groups", HttpSettings.API_PATH + "/group",
                HttpSettings.API_PATH + "/export", "/", "/static/*");
        for (String path : paths) {
            router.route(path).order(HttpLayer.FORWARD_READS).method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(proxy);
        }
    }
}
