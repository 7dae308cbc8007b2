package stackdriver.pushgateway.export;

import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ProjectName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.emulator.MetricServiceEmulator;

/**
 * The Cloud Monitoring the gateway writes to ({@code gateway.monitoring.backend}): the embedded emulator
 * (started here, plaintext, no credentials), Google's {@code monitoring.googleapis.com} with Application Default
 * Credentials, or any MetricService at a plaintext {@code host:port}.
 */
public final class MonitoringBackend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringBackend.class);

    private final MetricServiceConnection connection;
    private final ProjectName project;
    private final MetricServiceEmulator emulator;

    private MonitoringBackend(MetricServiceConnection connection, ProjectName project, MetricServiceEmulator emulator) {
        this.connection = connection;
        this.project = project;
        this.emulator = emulator;
    }

    /** @param clock the clock of the embedded emulator's write rules */
    public static MonitoringBackend start(ExportSettings settings, Clock clock) {
        ProjectName project = ProjectName.of(settings.projectId());
        try {
            switch (settings.backend()) {
                case GOOGLE -> {
                    LOG.info("Writing to Cloud Monitoring, project {}", settings.projectId());
                    return new MonitoringBackend(MetricServiceConnection.google(), project, null);
                }
                case ENDPOINT -> {
                    LOG.info("Writing to the MetricService at {} (plaintext), project {}", settings.endpoint(),
                            settings.projectId());
                    return new MonitoringBackend(MetricServiceConnection.plaintext(settings.endpoint()), project, null);
                }
                default -> {
                    MetricServiceEmulator emulator = MetricServiceEmulator.builder().clock(clock)
                            .port(settings.emulatorPort()).restPort(settings.emulatorRestPort())
                            .maxPointsPerSeries(settings.emulatorPointsPerSeries()).start();
                    LOG.info("Writing to the embedded Cloud Monitoring emulator: gRPC on 127.0.0.1:{}, REST reads on {},"
                            + " project {}", emulator.port(), emulator.restPort() == MetricServiceEmulator.OFF ? "(off)"
                            : "http://127.0.0.1:" + emulator.restPort() + "/v3/", settings.projectId());
                    try {
                        return new MonitoringBackend(MetricServiceConnection.plaintext("127.0.0.1:" + emulator.port()), project,
                                emulator);
                    } catch (RuntimeException e) {
                        emulator.close();
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Cloud Monitoring client: " + e.getMessage(), e);
        }
    }

    /** A client without credentials on a plaintext channel: for the emulator or any MetricService like it. */
    public static MetricServiceClient plaintextClient(String hostAndPort) {
        // closing the client closes the connection's channel
        return MetricServiceConnection.plaintext(hostAndPort).client();
    }

    public MetricServiceClient client() {
        return connection.client();
    }

    public MetricServiceConnection connection() {
        return connection;
    }

    public ProjectName project() {
        return project;
    }

    /** The embedded emulator, or null when writing elsewhere. */
    public MetricServiceEmulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        connection.close();
        if (emulator != null) {
            emulator.close();
        }
    }
}
