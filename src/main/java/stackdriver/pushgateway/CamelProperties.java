package stackdriver.pushgateway;

import java.util.LinkedHashMap;
import java.util.Map;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.export.ExportSettings;
import stackdriver.pushgateway.http.HttpSettings;
import stackdriver.pushgateway.pubsub.ScaleOut;

/**
 * What camel-main is given: the {@code camel.*} lines of the settings as they are, its embedded HTTP server and
 * routes directory from the gateway's settings, every {@code gateway.*} setting for the routes' placeholders, and
 * the {@code route.*} placeholders the gateway derives from them (listed in config/application.properties).
 */
final class CamelProperties {
    /** Read only when Pub/Sub is used: otherwise its routes would only cost start-up (the YAML read, the component made). */
    private static final String PUBSUB_ROUTES = "pubsub.yaml";

    private CamelProperties() {
    }

    static Map<String, String> of(GatewaySettings settings, HttpSettings http, ScaleOut scaleOut, ExportSettings export) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : settings.all().stringPropertyNames()) {
            if (key.startsWith("camel.") || key.startsWith("gateway.")) {
                properties.put(key, settings.get(key));
            }
        }
        String routes = settings.get("gateway.routes.directory");
        properties.put("camel.main.name", "stackdriver-pushgateway");
        properties.put("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml");
        properties.put("camel.main.routes-reload-enabled", settings.get("gateway.routes.reload"));
        properties.put("camel.main.routes-reload-directory", routes);
        if (!scaleOut.pubSubUsed()) {
            properties.putIfAbsent("camel.main.routes-exclude-pattern", "file:" + routes + "/" + PUBSUB_ROUTES);
        }
        properties.put("camel.main.shutdown-timeout", "5");
        properties.put("camel.server.enabled", "true");
        properties.put("camel.server.host", http.listenAddress().host());
        properties.put("camel.server.port", Integer.toString(http.listenAddress().port()));
        properties.put("camel.server.path", http.routePrefix());
        properties.put("camel.server.maxBodySize", Long.toString(http.bodyLimit()));
        properties.put("camel.server.fileUploadEnabled", "false");

        properties.put("route.push-path", HttpSettings.PUSH_PATH);
        properties.put("route.push-enabled", Boolean.toString(scaleOut.http()));
        properties.put("route.push-next", scaleOut.buffer() ? "pubsub-publish" : "push");
        properties.put("route.export-enabled", Boolean.toString(scaleOut.export()));
        properties.put("route.export-period-ms", Long.toString(export.interval().toMillis()));
        properties.put("route.export-delay-ms", Long.toString(export.interval().toMillis()));
        return properties;
    }
}
