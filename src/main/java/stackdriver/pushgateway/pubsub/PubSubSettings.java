package stackdriver.pushgateway.pubsub;

import java.time.Duration;
import stackdriver.pushgateway.config.GatewaySettings;

/**
 * Where pushes are buffered: project, topics and subscription, and whether the Pub/Sub emulator is used
 * ({@code gateway.pubsub.emulator-host}, else {@code PUBSUB_EMULATOR_HOST} as Google's tools read it).
 */
public record PubSubSettings(String projectId, String topic, String subscription, String deadLetterTopic,
        String emulatorHost, boolean create, Duration publishTimeout, int maxDeliveryAttempts, Duration retryBackoff) {

    static final Duration MIN_PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    /** Pub/Sub's own bounds on a dead-letter policy's attempts and a retry policy's backoff. */
    static final int MIN_DELIVERY_ATTEMPTS = 5;
    static final int MAX_DELIVERY_ATTEMPTS = 100;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(600);

    public PubSubSettings(String projectId, String topic, String subscription, String deadLetterTopic,
            String emulatorHost, boolean create, Duration publishTimeout) {
        this(projectId, topic, subscription, deadLetterTopic, emulatorHost, create, publishTimeout,
                MIN_DELIVERY_ATTEMPTS, Duration.ofSeconds(10));
    }

    public static PubSubSettings from(GatewaySettings settings, String pubsubEmulatorHostEnv) {
        String emulatorHost = settings.get("gateway.pubsub.emulator-host", "");
        if (emulatorHost.isEmpty() && pubsubEmulatorHostEnv != null) {
            emulatorHost = pubsubEmulatorHostEnv.trim();
        }
        String create = settings.get("gateway.pubsub.create", "auto");
        Duration publishTimeout = settings.getDuration("gateway.pubsub.publish-timeout");
        if (publishTimeout.compareTo(MIN_PUBLISH_TIMEOUT) < 0) {
            throw new IllegalArgumentException("gateway.pubsub.publish-timeout must be at least 10s,"
                    + " the shortest total timeout Google's Pub/Sub publisher accepts");
        }
        int attempts = settings.getInt("gateway.pubsub.max-delivery-attempts");
        if (attempts < MIN_DELIVERY_ATTEMPTS || attempts > MAX_DELIVERY_ATTEMPTS) {
            throw new IllegalArgumentException("gateway.pubsub.max-delivery-attempts must be between "
                    + MIN_DELIVERY_ATTEMPTS + " and " + MAX_DELIVERY_ATTEMPTS + ", as Pub/Sub's dead-letter policy takes");
        }
        Duration backoff = settings.getDuration("gateway.pubsub.retry-backoff");
        if (backoff.isNegative() || backoff.compareTo(MAX_BACKOFF) > 0) {
            throw new IllegalArgumentException("gateway.pubsub.retry-backoff must be between 0s and 600s,"
                    + " as Pub/Sub's retry policy takes");
        }
        return new PubSubSettings(settings.get("gateway.pubsub.project-id"), settings.get("gateway.pubsub.topic"),
                settings.get("gateway.pubsub.subscription"), settings.get("gateway.pubsub.dead-letter-topic"),
                emulatorHost, create.equals("auto") ? !emulatorHost.isEmpty() : Boolean.parseBoolean(create),
                publishTimeout, attempts, backoff);
    }

    /**
     * A standby writer's own subscription, so that every replica consumes every push: the shared name with the
     * replica's identity appended (e.g. the pod's name).
     */
    public PubSubSettings forReplica(String identity) {
        return new PubSubSettings(projectId, topic, subscription + "-" + identity, deadLetterTopic, emulatorHost, create,
                publishTimeout, maxDeliveryAttempts, retryBackoff);
    }

    public boolean onEmulator() {
        return !emulatorHost.isEmpty();
    }

    public String topicName() {
        return "projects/" + projectId + "/topics/" + topic;
    }

    /** Camel endpoint that publishes to the push topic, with ordering by grouping key. */
    public String publishUri() {
        return "google-pubsub:" + projectId + ":" + topic + "?messageOrderingEnabled=true&retry=#pubsubPublishRetry"
                + "&lazyStartProducer=true" + regionalEndpoint();
    }

    public String deadLetterUri() {
        return "google-pubsub:" + projectId + ":" + deadLetterTopic + "?lazyStartProducer=true&retry=#pubsubPublishRetry";
    }

    /**
     * Camel endpoint that consumes the push subscription, acknowledging each message once its route completed.
     * Synchronous pull: with streaming pull, messages outstanding on a SIGKILLed writer were seen never to be
     * delivered again (the crash test caught it on the Pub/Sub emulator); pulled messages come back after their
     * ack deadline.
     */
    public String consumeUri() {
        return "google-pubsub:" + projectId + ":" + subscription + "?messageOrderingEnabled=true&ackMode=AUTO"
                + "&synchronousPull=true&maxMessagesPerPoll=100"
                + regionalEndpoint();
    }

    /** Ordered delivery on real Pub/Sub needs the endpoint named; the emulator is reached through the component. */
    private String regionalEndpoint() {
        return onEmulator() ? "" : "&pubsubEndpoint=pubsub.googleapis.com:443";
    }
}
