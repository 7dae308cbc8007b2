package stackdriver.pushgateway.pubsub;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import com.google.api.gax.retrying.RetrySettings;
import stackdriver.pushgateway.ingest.PushDecoder;

/**
 * What {@code routes/pubsub.yaml} needs: its beans, the properties of its endpoints, and the topics and
 * subscription made at start when asked to.
 */
public final class PubSubBinding {

    private final PubSubSettings settings;
    private final ScaleOut scaleOut;

    public PubSubBinding(PubSubSettings settings, ScaleOut scaleOut) {
        this.settings = settings;
        this.scaleOut = scaleOut;
    }

    /** @param clock when an HTTP push is accepted, carried in its message */
    public Map<String, Object> beans(PushDecoder decoder, Clock clock) {
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("google-pubsub", new SharedConnectionPubsubComponent());
        beans.put("pushPublisher", new PushPublisher(settings, clock));
        beans.put("pubsubPushReader", new PubSubPushReader(decoder));
        beans.put("deadLetterMessage", new DeadLetterMessage());
        beans.put("lastDeliveryAttempt", new LastDeliveryAttempt(settings.maxDeliveryAttempts()));
        beans.put("pubsubPublishRetry", publishRetry(settings.publishTimeout()));
        return beans;
    }

    /** The placeholders of its routes, and the google-pubsub component's settings on the emulator. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("route.pubsub-consume", Boolean.toString(scaleOut.consume()));
        properties.put("route.pubsub-consume-uri", settings.consumeUri());
        properties.put("route.pubsub-dead-letter-uri", settings.deadLetterUri());
        if (settings.onEmulator()) {
            properties.put("camel.component.google-pubsub.endpoint", settings.emulatorHost());
            properties.put("camel.component.google-pubsub.authenticate", "false");
        }
        return properties;
    }

    /** Creates the topics and subscription when {@code gateway.pubsub.create} asks for it. */
    public void createTopology() throws IOException {
        if (scaleOut.pubSubUsed() && settings.create()) {
            PubSubTopology.create(settings);
        }
    }

    /** Retries within the publish timeout, then gives up so the pusher gets its 503 instead of a hang. */
    private static RetrySettings publishRetry(Duration timeout) {
        org.threeten.bp.Duration total = org.threeten.bp.Duration.ofMillis(timeout.toMillis());
        return RetrySettings.newBuilder()
                .setInitialRetryDelay(org.threeten.bp.Duration.ofMillis(100)).setRetryDelayMultiplier(2)
                .setMaxRetryDelay(org.threeten.bp.Duration.ofSeconds(2))
                .setInitialRpcTimeout(total).setRpcTimeoutMultiplier(1).setMaxRpcTimeout(total)
                .setTotalTimeout(total).build();
    }
}
