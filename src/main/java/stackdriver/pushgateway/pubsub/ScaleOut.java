package stackdriver.pushgateway.pubsub;

import stackdriver.pushgateway.config.GatewaySettings;

/**
 * {@code gateway.buffer}, {@code gateway.role} and {@code gateway.pubsub.subscribe}: what this process does with
 * pushes, checked together so that no combination gives a gateway that silently takes nothing.
 *
 * @param buffer  HTTP pushes are published to Pub/Sub and applied from the subscription
 * @param http    the HTTP push route is served (not on a writer)
 * @param consume the subscription is consumed and applied to the store
 * @param export  this process exports (not an ingest replica)
 */
public record ScaleOut(boolean buffer, boolean http, boolean consume, boolean export) {

    public static ScaleOut from(GatewaySettings settings) {
        boolean buffer = settings.getChoice("gateway.buffer", "none", "pubsub").equals("pubsub");
        String role = settings.getChoice("gateway.role", "all", "ingest", "writer");
        String subscribe = settings.getChoice("gateway.pubsub.subscribe", "auto", "true", "false");
        if (role.equals("ingest") && !buffer) {
            throw new IllegalArgumentException("gateway.role=ingest only publishes: it needs gateway.buffer=pubsub");
        }
        boolean consume = subscribe.equals("auto") ? buffer && !role.equals("ingest") : subscribe.equals("true");
        if (role.equals("ingest") && consume) {
            throw new IllegalArgumentException("gateway.role=ingest only publishes: it cannot take"
                    + " gateway.pubsub.subscribe=true (run a writer to consume)");
        }
        if (role.equals("writer") && !consume) {
            throw new IllegalArgumentException("gateway.role=writer takes no HTTP pushes and only applies what it consumes:"
                    + " it needs gateway.buffer=pubsub or gateway.pubsub.subscribe=true");
        }
        if (!role.equals("ingest") && !settings.get("gateway.web.reads-from", "").isBlank()) {
            throw new IllegalArgumentException("gateway.web.reads-from is for gateway.role=ingest, which holds no groups:"
                    + " this replica answers reads from its own store");
        }
        return new ScaleOut(buffer, !role.equals("writer"), consume, !role.equals("ingest"));
    }

    /** Whether Pub/Sub is used at all: its routes are read and its topology made only then. */
    public boolean pubSubUsed() {
        return buffer || consume;
    }
}
