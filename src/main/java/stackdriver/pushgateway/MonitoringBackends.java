package stackdriver.pushgateway;

import com.google.monitoring.v3.ProjectName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.emulator.MetricServiceEmulator;
import stackdriver.pushgateway.export.ExportSettings;
import stackdriver.pushgateway.export.MetricServiceConnection;
import stackdriver.pushgateway.export.MonitoringBackend;

/**
 * The Cloud Monitoring the gateway writes to ({@code gateway.monitoring.backend}): the embedded emulator
 * (started here, plaintext, no credentials), Google's {@code monitoring.googleapis.com} (or another endpoint) over
 * TLS with Application Default Credentials, or any MetricService at a plaintext {@code host:port}.
 */
public final class MonitoringBackends {
    // logged under the name of what is opened, as the operator knows it
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringBackend.class);

    private MonitoringBackends() {
    }

    /** The backend the settings name, opened when the export starts. @param clock the emulator's clock */
    public static Supplier<MonitoringBackend> of(ExportSettings settings, Clock clock) {
        return () -> open(settings, clock);
    }

    private static MonitoringBackend open(ExportSettings settings, Clock clock) {
        ProjectName project = ProjectName.of(settings.projectId());
        try {
            switch (settings.backend()) {
                case GOOGLE -> {
                    LOG.info("Writing to Cloud Monitoring{}, project {}", settings.endpoint().isEmpty() ? ""
                            : " at " + settings.endpoint(), settings.projectId());
                    return new Remote(MetricServiceConnection.google(settings.endpoint(),
                            settings.trustCertificates().isEmpty() ? null : Path.of(settings.trustCertificates())),
                            project);
                }
                case ENDPOINT -> {
                    LOG.info("Writing to the MetricService at {} (plaintext), project {}", settings.endpoint(),
                            settings.projectId());
                    return new Remote(MetricServiceConnection.plaintext(settings.endpoint()), project);
                }
                default -> {
                    return startEmulator(settings, clock, project);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Cloud Monitoring client: " + e.getMessage(), e);
        }
    }

    private static MonitoringBackend startEmulator(ExportSettings settings, Clock clock, ProjectName project) {
        MetricServiceEmulator emulator = MetricServiceEmulator.builder().clock(clock)
                .port(settings.emulatorPort()).restPort(settings.emulatorRestPort())
                .maxPointsPerSeries(settings.emulatorPointsPerSeries()).start();
        LOG.info("Writing to the embedded Cloud Monitoring emulator: gRPC on 127.0.0.1:{}, REST reads on {},"
                + " project {}", emulator.port(), emulator.restPort() == MetricServiceEmulator.OFF ? "(off)"
                : "http://127.0.0.1:" + emulator.restPort() + "/v3/", settings.projectId());
        try {
            return new Emulated(MetricServiceConnection.plaintext("127.0.0.1:" + emulator.port()), project, emulator);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** Cloud Monitoring, or another MetricService. */
    private record Remote(MetricServiceConnection connection, ProjectName project) implements MonitoringBackend {
        @Override
        public void close() {
            connection.close();
        }
    }

    /** The embedded emulator, stopped with the connection to it. */
    public record Emulated(MetricServiceConnection connection, ProjectName project, MetricServiceEmulator emulator)
            implements MonitoringBackend {
        @Override
        public void close() {
            connection.close();
            emulator.close();
        }
    }
}
