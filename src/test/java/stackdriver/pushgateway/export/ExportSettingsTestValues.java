package stackdriver.pushgateway.export;

import java.time.Duration;

/** Export settings as config/application.properties has them, for tests that build parts by hand. */
final class ExportSettingsTestValues {
    private ExportSettingsTestValues() {
    }

    static ExportSettings defaults() {
        return new ExportSettings(Duration.ofSeconds(60), 4, 0, Duration.ofSeconds(20), Duration.ofMillis(500),
                Duration.ofSeconds(10), ExportSettings.Backend.EMULATOR, "", "", "", NamingMode.PROMETHEUS, "us-central1",
                "pushgateway", "pushgateway", "pushgateway", "global", 0, -1, 60);
    }
}
