package stackdriver.pushgateway.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.config.ListenAddress;
import stackdriver.pushgateway.http.webconfig.WebConfigFile;

/**
 * {@code gateway.web.*}: where the HTTP server listens and what it serves.
 *
 * @param routePrefix {@code /} or a path without a trailing slash, e.g. {@code /pushgateway}
 * @param bodyLimit   {@code gateway.limits.body-size}, which Vert.x's body handling enforces first
 * @param webConfig   {@code --web.config.file}: TLS and basic auth
 */
public record HttpSettings(ListenAddress listenAddress, String routePrefix, String telemetryPath, boolean adminApi,
        boolean lifecycle, long bodyLimit, Optional<WebConfigFile> webConfig) {

    /** The push API's path below the route prefix, as the Pushgateway has it. */
    public static final String PUSH_PATH = "/metrics";
    public static final String API_PATH = "/api/v1";

    public static HttpSettings from(GatewaySettings settings) {
        String webConfigFile = settings.get("gateway.web.config-file", "");
        return new HttpSettings(settings.listenAddress(), routePrefix(settings), settings.get("gateway.web.telemetry-path"),
                settings.getBoolean("gateway.web.enable-admin-api"), settings.getBoolean("gateway.web.enable-lifecycle"),
                settings.getPositiveLong("gateway.limits.body-size"),
                webConfigFile.isEmpty() ? Optional.empty() : Optional.of(WebConfigFile.load(Path.of(webConfigFile))));
    }

    /** The push API's path with the route prefix, as a request's URI has it. */
    public String prefixedPushPath() {
        return (routePrefix.equals("/") ? "" : routePrefix) + PUSH_PATH;
    }

    /** {@code --web.route-prefix}, or the path of {@code --web.external-url} as the Pushgateway does. */
    private static String routePrefix(GatewaySettings settings) {
        String prefix = settings.get("gateway.web.route-prefix", "");
        if (prefix.isEmpty()) {
            String external = settings.get("gateway.web.external-url", "");
            try {
                prefix = external.isEmpty() ? "" : URI.create(external).getPath();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting gateway.web.external-url is not a URL: " + e.getMessage());
            }
        }
        prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return prefix.isEmpty() ? "/" : (prefix.startsWith("/") ? prefix : "/" + prefix);
    }
}
