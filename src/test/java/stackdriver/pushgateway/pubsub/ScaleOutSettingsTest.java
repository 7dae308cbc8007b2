package stackdriver.pushgateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.ha.HaSettings;
import stackdriver.pushgateway.http.ReadForwarding;

/**
 * gateway.buffer, gateway.role and gateway.pubsub.subscribe are checked together: no combination takes nothing. The
 * standby writers' settings (gateway.ha.*), Pub/Sub's and gateway.web.reads-from are checked before anything starts,
 * each error naming its setting.
 */
class ScaleOutSettingsTest {

    private static GatewaySettings settings(String... settings) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return GatewaySettings.load(Path.of("config/application.properties"), Map.of(), map);
    }

    private static ScaleOut scaleOut(String... settings) {
        return ScaleOut.from(settings(settings));
    }

    private static HaSettings ha(String... settings) {
        return HaSettings.from(settings(settings), "writer-7");
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

    @Test
    void standbyWritersAreOffByDefaultAndTakeTheirIdentityFromThePodsName() {
        assertThat(ha().enabled()).isFalse();
        HaSettings on = ha("gateway.ha", "kubernetes");
        assertThat(on.enabled()).isTrue();
        assertThat(on.identity()).isEqualTo("writer-7");
        assertThat(on.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(on.kubernetesUrl()).isEmpty();
        assertThat(ha("gateway.ha", "kubernetes", "gateway.ha.identity", "a", "gateway.ha.kubernetes-url",
                "https://10.0.0.1:443").kubernetesUrl()).isEqualTo("https://10.0.0.1:443");
    }

    @Test
    void badStandbySettingsNameTheSetting() {
        assertThatThrownBy(() -> ha("gateway.ha", "zookeeper")).hasMessageContaining("setting gateway.ha must be");
        assertThatThrownBy(() -> HaSettings.from(settings("gateway.ha", "kubernetes"), null))
                .hasMessageContaining("gateway.ha.identity");
        assertThatThrownBy(() -> ha("gateway.ha.lease-duration", "5s", "gateway.ha.renew-deadline", "10s"))
                .hasMessageContaining("gateway.ha.lease-duration must be longer than gateway.ha.renew-deadline");
        assertThatThrownBy(() -> ha("gateway.ha.retry-period", "9s"))
                .hasMessageContaining("gateway.ha.retry-period");
        assertThatThrownBy(() -> ha("gateway.ha.lease-duration", "soon")).hasMessageContaining("gateway.ha.lease-duration");
        assertThatThrownBy(() -> ha("gateway.ha.kubernetes-url", "kubernetes.default"))
                .hasMessageContaining("gateway.ha.kubernetes-url must be the API server's http:// or https:// URL");
    }

    @Test
    void badPubSubSettingsNameTheSetting() {
        assertThatThrownBy(() -> PubSubSettings.from(settings("gateway.pubsub.max-delivery-attempts", "3"), null))
                .hasMessageContaining("gateway.pubsub.max-delivery-attempts must be between 5 and 100");
        assertThatThrownBy(() -> PubSubSettings.from(settings("gateway.pubsub.retry-backoff", "11m"), null))
                .hasMessageContaining("gateway.pubsub.retry-backoff must be between 0s and 600s");
        assertThatThrownBy(() -> PubSubSettings.from(settings("gateway.pubsub.publish-timeout", "2s"), null))
                .hasMessageContaining("gateway.pubsub.publish-timeout must be at least 10s");
    }

    @Test
    void readsAreForwardedOnlyByAnIngestReplicaAndOnlyToAnAddress() {
        assertThat(ReadForwarding.from(settings())).isEmpty();
        assertThat(ReadForwarding.from(settings("gateway.web.reads-from", "http://pushgateway-writer:9091")))
                .hasValueSatisfying(reads -> assertThat(reads.origin().getPort()).isEqualTo(9091));
        assertThatThrownBy(() -> ReadForwarding.from(settings("gateway.web.reads-from", "pushgateway-writer:9091")))
                .hasMessageContaining("gateway.web.reads-from must be the writers' http:// or https:// address");
        assertThatThrownBy(() -> ReadForwarding.from(settings("gateway.web.reads-from", "http://writer:9091/metrics")))
                .hasMessageContaining("gateway.web.reads-from");
        assertThatThrownBy(() -> scaleOut("gateway.buffer", "pubsub", "gateway.role", "writer",
                "gateway.web.reads-from", "http://writer:9091")).hasMessageContaining("gateway.web.reads-from is for"
                + " gateway.role=ingest");
    }
}
