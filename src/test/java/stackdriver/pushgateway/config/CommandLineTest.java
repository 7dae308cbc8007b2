package stackdriver.pushgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @Test
    void acceptsPushgatewayFlagsInEveryForm() {
        CommandLine cli = CommandLine.parse("--web.listen-address=:9191", "--web.telemetry-path", "/m",
                "--web.enable-admin-api", "--no-web.enable-lifecycle", "--push.disable-consistency-check=true",
                "--persistence.file=", "--log.level=debug", "--push.enable-utf8-names");
        assertThat(cli.properties()).containsEntry("gateway.web.listen-address", ":9191")
                .containsEntry("gateway.web.telemetry-path", "/m")
                .containsEntry("gateway.web.enable-admin-api", "true")
                .containsEntry("gateway.web.enable-lifecycle", "false")
                .containsEntry("gateway.push.disable-consistency-check", "true")
                .containsEntry("gateway.push.enable-utf8-names", "true")
                .containsEntry("gateway.persistence.file", "")
                .containsEntry("gateway.log.level", "debug");
    }

    @Test
    void acceptsAnyGatewaySetting() {
        assertThat(CommandLine.parse("--gateway.export.interval=30s").properties())
                .containsEntry("gateway.export.interval", "30s");
    }

    @Test
    void rejectsUnknownFlagsClearly() {
        assertThatThrownBy(() -> CommandLine.parse("--web.listen-adress=:1")).hasMessageContaining("unknown long flag '--web.listen-adress'");
        assertThatThrownBy(() -> CommandLine.parse("--web.telemetry-path")).hasMessageContaining("expected argument");
    }

    @Test
    void versionAndHelp() {
        assertThat(CommandLine.parse("--version").versionRequested()).isTrue();
        assertThat(CommandLine.usage()).contains("--web.listen-address");
    }

    @Test
    void environmentOverridesTheFileAndTheCommandLineOverridesBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, "gateway.emulator.port=1\ngateway.web.listen-address=:1\ngateway.export.interval=60s\n");
        GatewaySettings settings = GatewaySettings.load(file,
                Map.of("GATEWAY_EMULATOR_PORT", "2", "GATEWAY_WEB_LISTEN_ADDRESS", ":2"),
                Map.of("gateway.web.listen-address", ":3"));
        assertThat(settings.getInt("gateway.emulator.port")).isEqualTo(2);
        assertThat(settings.listenAddress()).isEqualTo(new ListenAddress("0.0.0.0", 3));
        assertThat(settings.getDuration("gateway.export.interval")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void durationsAndAddressesAreValidated() {
        assertThat(DurationText.parse("k", "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> DurationText.parse("k", "5 minutes")).hasMessageContaining("setting k must be a duration");
        assertThat(ListenAddress.parse("127.0.0.1:9091")).isEqualTo(new ListenAddress("127.0.0.1", 9091));
        assertThatThrownBy(() -> ListenAddress.parse("9091")).hasMessageContaining("[host]:port");
    }
}
