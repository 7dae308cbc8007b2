package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.config.GatewaySettings;

/** With no Google project configured the gateway writes to its embedded emulator; with one, to Cloud Monitoring. */
class ExportBackendChoiceTest {

    private static ExportSettings.Backend backendWith(Map<String, String> commandLine) {
        return ExportSettings.backend(GatewaySettings.load(Path.of("config/application.properties"), Map.of(), commandLine));
    }

    @Test
    void noProjectMeansTheEmbeddedEmulator() {
        assertThat(backendWith(Map.of())).isEqualTo(ExportSettings.Backend.EMULATOR);
    }

    @Test
    void aProjectMeansCloudMonitoring() {
        assertThat(backendWith(Map.of("gateway.google.project-id", "my-project"))).isEqualTo(ExportSettings.Backend.GOOGLE);
    }

    @Test
    void anExplicitBackendWins() {
        assertThat(backendWith(Map.of("gateway.google.project-id", "my-project", "gateway.monitoring.backend", "emulator")))
                .isEqualTo(ExportSettings.Backend.EMULATOR);
    }
}
