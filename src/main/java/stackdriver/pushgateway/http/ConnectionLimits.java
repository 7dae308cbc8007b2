package stackdriver.pushgateway.http;

import java.time.Duration;
import stackdriver.pushgateway.config.GatewaySettings;

/**
 * {@code gateway.web.idle-timeout} and {@code gateway.web.max-connections}: what a client may hold of the HTTP server.
 */
public record ConnectionLimits(Duration idleTimeout, int maxConnections) {

    public static ConnectionLimits from(GatewaySettings settings) {
        return new ConnectionLimits(settings.getPositiveDuration("gateway.web.idle-timeout"),
                settings.getPositiveInt("gateway.web.max-connections"));
    }
}
