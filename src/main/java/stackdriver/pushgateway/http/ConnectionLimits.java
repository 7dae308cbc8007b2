package stackdriver.pushgateway.http;

import java.time.Duration;
import stackdriver.pushgateway.config.GatewaySettings;

/**
 * {@code gateway.web.idle-timeout}, {@code gateway.web.header-timeout} and {@code gateway.web.max-connections}: what a
 * client may hold of the HTTP server.
 */
public record ConnectionLimits(Duration idleTimeout, Duration headerTimeout, int maxConnections) {

    public static ConnectionLimits from(GatewaySettings settings) {
        return new ConnectionLimits(settings.getPositiveDuration("gateway.web.idle-timeout"),
                settings.getPositiveDuration("gateway.web.header-timeout"),
                settings.getPositiveInt("gateway.web.max-connections"));
    }
}
