package stackdriver.pushgateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.config.GatewaySettings;

/** gateway.buffer, gateway.role and gateway.pubsub.subscribe are checked together: no combination takes nothing. */
class ScaleOutSettingsTest {

    private static ScaleOut scaleOut(String... settings) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return ScaleOut.from(GatewaySettings.load(Path.of("config/application.properties"), Map.of(), map));
    }

    @Test
    void byDefaultOneProcessTakesHttpPushesStoresAndExports() {
        assertThat(scaleOut()).isEqualTo(new ScaleOut(false, true, false, true));
        assertThat(scaleOut().pubSubUsed()).isFalse();
    }

    @Test
    void bufferingPublishesAndConsumesInOneProcess() {
        assertThat(scaleOut("gateway.buffer", "pubsub")).isEqualTo(new ScaleOut(true, true, true, true));
    }

    @Test
    void anIngestReplicaOnlyPublishesAndAWriterOnlyConsumesAndExports() {
        assertThat(scaleOut("gateway.buffer", "pubsub", "gateway.role", "ingest"))
                .isEqualTo(new ScaleOut(true, true, false, false));
        assertThat(scaleOut("gateway.buffer", "pubsub", "gateway.role", "writer"))
                .isEqualTo(new ScaleOut(true, false, true, true));
        assertThat(scaleOut("gateway.role", "writer", "gateway.pubsub.subscribe", "true"))
                .isEqualTo(new ScaleOut(false, false, true, true));
    }

    @Test
    void aWriterThatWouldConsumeNothingStopsTheStart() {
        assertThatThrownBy(() -> scaleOut("gateway.role", "writer"))
                .hasMessageContaining("gateway.role=writer").hasMessageContaining("gateway.buffer=pubsub");
    }

    @Test
    void anIngestReplicaNeedsBufferingAndNeverConsumes() {
        assertThatThrownBy(() -> scaleOut("gateway.role", "ingest")).hasMessageContaining("needs gateway.buffer=pubsub");
        assertThatThrownBy(() -> scaleOut("gateway.role", "ingest", "gateway.buffer", "pubsub",
                "gateway.pubsub.subscribe", "true")).hasMessageContaining("gateway.pubsub.subscribe=true");
    }

    @Test
    void anUnknownRoleOrBufferNamesTheSetting() {
        assertThatThrownBy(() -> scaleOut("gateway.role", "reader")).hasMessageContaining("setting gateway.role must be");
        assertThatThrownBy(() -> scaleOut("gateway.buffer", "kafka")).hasMessageContaining("setting gateway.buffer must be");
    }
}
