package stackdriver.pushgateway.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.config.GatewaySettings;

/**
 * The {@code gateway.export.*}, {@code gateway.monitoring.*}, {@code gateway.google.*}, {@code gateway.custom.*}
 * and {@code gateway.emulator.*} settings, checked once at start.
 */
public record ExportSettings(
        Duration interval,
        int parallelRequests,
        double maxRequestsPerSecond,
        Duration requestTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Backend backend,
        String endpoint,
        String trustCertificates,
        String projectId,
        NamingMode naming,
        String location,
        String cluster,
        String namespace,
        String customPrefix,
        String customResource,
        int emulatorPort,
        int emulatorRestPort,
        int emulatorPointsPerSeries) {

    /** Cloud Monitoring accepts one point per series every 5 seconds. */
    public static final Duration MINIMUM_INTERVAL = Duration.ofSeconds(5);
    public static final String EMULATOR_PROJECT = "local-project";
    private static final Logger LOG = LoggerFactory.getLogger(ExportSettings.class);

    public enum Backend { EMULATOR, GOOGLE, ENDPOINT }

    public ExportSettings {
        if (interval.compareTo(MINIMUM_INTERVAL) < 0) {
            LOG.warn("gateway.export.interval {} is below Cloud Monitoring's minimum sampling period: using {}",
                    interval, MINIMUM_INTERVAL);
            interval = MINIMUM_INTERVAL;
        }
        if (emulatorPointsPerSeries < 1) {
            throw new IllegalArgumentException("setting gateway.emulator.points-per-series must be at least 1");
        }
        if (!(maxRequestsPerSecond >= 0)) {
            throw new IllegalArgumentException("setting gateway.export.max-requests-per-second must be 0 (no limit)"
                    + " or more");
        }
        if (parallelRequests < 1) {
            throw new IllegalArgumentException("setting gateway.export.parallel-requests must be at least 1");
        }
        if (projectId.isEmpty()) {
            if (backend == Backend.GOOGLE) {
                throw new IllegalArgumentException("setting gateway.google.project-id is required with"
                        + " gateway.monitoring.backend=google");
            }
            projectId = EMULATOR_PROJECT;
        }
        if (backend == Backend.ENDPOINT && endpoint.isEmpty()) {
            throw new IllegalArgumentException("setting gateway.monitoring.endpoint (host:port) is required with"
                    + " gateway.monitoring.backend=endpoint");
        }
        if (!trustCertificates.isEmpty() && !Files.isReadable(Path.of(trustCertificates))) {
            throw new IllegalArgumentException("setting gateway.monitoring.trust-certificates names \"" + trustCertificates
                    + "\", which is not a readable file");
        }
        if (naming == NamingMode.PROMETHEUS && location.equals("global")) {
            throw new IllegalArgumentException("setting gateway.google.location cannot be \"global\" for the"
                    + " prometheus_target resource: use a region such as us-central1");
        }
        if (!customResource.equals("global") && !customResource.equals("generic_task")) {
            throw new IllegalArgumentException("setting gateway.custom.resource must be global or generic_task, not \""
                    + customResource + "\"");
        }
    }

    public static ExportSettings from(GatewaySettings settings) {
        return new ExportSettings(
                settings.getDuration("gateway.export.interval"),
                settings.getInt("gateway.export.parallel-requests"),
                requestsPerSecond(settings.get("gateway.export.max-requests-per-second")),
                settings.getDuration("gateway.export.request-timeout"),
                settings.getDuration("gateway.export.initial-backoff"),
                settings.getDuration("gateway.export.max-backoff"),
                backend(settings),
                settings.get("gateway.monitoring.endpoint", ""),
                settings.get("gateway.monitoring.trust-certificates", ""),
                settings.get("gateway.google.project-id", ""),
                choice("gateway.naming", settings.get("gateway.naming"), NamingMode.class),
                settings.get("gateway.google.location"),
                settings.get("gateway.google.cluster"),
                settings.get("gateway.google.namespace"),
                settings.get("gateway.custom.prefix"),
                settings.get("gateway.custom.resource"),
                settings.getInt("gateway.emulator.port"),
                settings.getInt("gateway.emulator.rest-port"),
                settings.getInt("gateway.emulator.points-per-series"));
    }

    private static double requestsPerSecond(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting gateway.export.max-requests-per-second must be a number, not \""
                    + text + "\"");
        }
    }

    /** {@code auto}: Cloud Monitoring when a Google project is configured, else the embedded emulator. */
    static Backend backend(GatewaySettings settings) {
        String backend = settings.get("gateway.monitoring.backend");
        if (backend.equals("auto")) {
            return settings.get("gateway.google.project-id", "").isEmpty() ? Backend.EMULATOR : Backend.GOOGLE;
        }
        return choice("gateway.monitoring.backend", backend, Backend.class);
    }

    private static <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("setting " + key + " must be one of " + allowed + ", not \"" + value + "\"");
        }
    }
}
