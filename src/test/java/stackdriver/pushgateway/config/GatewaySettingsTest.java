package stackdriver.pushgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where settings come from, and the checks every feature's settings go through. */
class GatewaySettingsTest {

    @Test
    void aTrimmedFileStillHasEveryDocumentedSettingAtItsDefault(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("trimmed.properties"), "gateway.web.listen-address=:1234\n");
        GatewaySettings settings = GatewaySettings.load(file, Map.of(), Map.of());
        assertThat(settings.listenAddress().port()).isEqualTo(1234);
        assertThat(settings.getDuration("gateway.export.interval")).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.get("gateway.persistence.mode")).isEqualTo("snapshot");
    }

    @Test
    void anEnvironmentVariableSetsADocumentedSettingTheFileDoesNotHold(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("trimmed.properties"), "# nothing but a comment\n");
        GatewaySettings settings = GatewaySettings.load(file,
                Map.of("GATEWAY_LIMITS_BODY_SIZE", "1000", "GATEWAY_EMULATOR_PORT", "7777"), Map.of());
        assertThat(settings.getLong("gateway.limits.body-size")).isEqualTo(1000);
        assertThat(settings.getInt("gateway.emulator.port")).isEqualTo(7777);
    }

    @Test
    void sizesCountsAndDurationsMustBeAboveZeroAndTheErrorNamesTheSetting(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app.properties"), "");
        GatewaySettings settings = GatewaySettings.load(file, Map.of(), Map.of("gateway.limits.body-size", "-1",
                "gateway.limits.series-per-push", "0", "gateway.persistence.interval", "0s",
                "gateway.limits.labels-per-series", "99999999999"));
        assertThatThrownBy(() -> settings.getPositiveLong("gateway.limits.body-size"))
                .hasMessage("setting gateway.limits.body-size must be above 0, not -1");
        assertThatThrownBy(() -> settings.getPositiveInt("gateway.limits.series-per-push"))
                .hasMessage("setting gateway.limits.series-per-push must be above 0, not 0");
        assertThatThrownBy(() -> settings.getPositiveDuration("gateway.persistence.interval"))
                .hasMessage("setting gateway.persistence.interval must be a duration above 0, not 0s");
        assertThatThrownBy(() -> settings.getInt("gateway.limits.labels-per-series"))
                .hasMessageContaining("setting gateway.limits.labels-per-series must be at most");
    }

    @Test
    void aChoiceOutsideItsValuesNamesThemAll(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app.properties"), "gateway.buffer=kafka\n");
        GatewaySettings settings = GatewaySettings.load(file, Map.of(), Map.of());
        assertThatThrownBy(() -> settings.getChoice("gateway.buffer", "none", "pubsub"))
                .hasMessage("setting gateway.buffer must be none, pubsub, not \"kafka\"");
    }
}
