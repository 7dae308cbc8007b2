package stackdriver.pushgateway.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.http.webconfig.Pem;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.PubSubEmulator;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * A writer replica that starts with an empty store takes every group from a peer writer before it serves, since its
 * own subscription holds only what is published after it was made; whole gateways on Google's Pub/Sub emulator and
 * fabric8's mock API server (for the Lease), as {@link StandbyWritersTest}.
 */
@EnableKubernetesMockClient(https = false, crud = true)
class NewWriterSeedTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String NO_PEER = "http://127.0.0.1:1";
    static KubernetesClient client;

    @TempDir
    Path dir;
    private final String leaseName = "pushgateway-writer-" + UUID.randomUUID();
    private final List<AutoCloseable> running = new ArrayList<>();
    private PubSubEmulator pubsub;
    private RunningGateway ingest;

    @BeforeEach
    void start() throws Exception {
        pubsub = PubSubEmulator.start();
        running.add(pubsub);
        ingest = started(RunningGateway.start("gateway.role", "ingest", "gateway.buffer", "pubsub",
                "gateway.pubsub.emulator-host", pubsub.host()));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private RunningGateway started(RunningGateway gateway) {
        running.add(gateway);
        return gateway;
    }

    private RunningGateway writer(String identity, String seedFrom, String... more) throws Exception {
        List<String> settings = new ArrayList<>(List.of("gateway.role", "writer", "gateway.buffer", "pubsub",
                "gateway.pubsub.emulator-host", pubsub.host(), "gateway.export.interval", "5s",
                "gateway.ha", "kubernetes", "gateway.ha.kubernetes-url", client.getMasterUrl().toString(),
                "gateway.ha.namespace", "test", "gateway.ha.lease-name", leaseName, "gateway.ha.identity", identity,
                "gateway.ha.lease-duration", "2s", "gateway.ha.renew-deadline", "1500ms",
                "gateway.ha.retry-period", "250ms", "gateway.ha.seed-from", seedFrom, "gateway.ha.seed-timeout", "1s"));
        settings.addAll(List.of(more));
        return started(RunningGateway.start(settings.toArray(new String[0])));
    }

    private void push(String instance, int orders) throws Exception {
        assertThat(ingest.send("PUT", "/metrics/job/shop/instance/" + instance,
                "# TYPE orders_total counter\norders_total " + orders + "\n").statusCode()).isEqualTo(200);
    }

    private static boolean holds(RunningGateway writer, String instance) {
        return writer.gateway().store().group(GroupingKey.of("job", "shop", "instance", instance)) != null;
    }

    private static double orders(RunningGateway writer, String instance) {
        return writer.gateway().store().group(GroupingKey.of("job", "shop", "instance", instance)).families()
                .get("orders_total").family().metrics().get(0).value();
    }

    @Test
    void aNewWriterHoldsTheGroupsPublishedBeforeItsSubscriptionWasMade() throws Exception {
        RunningGateway first = writer("writer-0", NO_PEER);
        push("before-a", 1);
        push("before-b", 2);
        Poll.until("the first writer holds both groups", DEADLINE, () -> holds(first, "before-a") && holds(first, "before-b"));

        RunningGateway second = writer("writer-1", "http://127.0.0.1:" + first.port());

        assertThat(holds(second, "before-a") && holds(second, "before-b"))
                .as("groups published before the new writer's subscription existed, held when it starts").isTrue();
        assertThat(second.gateway().store().group(GroupingKey.of("job", "shop", "instance", "before-b")))
                .isEqualTo(first.gateway().store().group(GroupingKey.of("job", "shop", "instance", "before-b")));
        assertThat(second.send("GET", "/-/ready", null).statusCode()).isEqualTo(200);
        push("before-a", 5);
        push("after", 3);
        Poll.until("the new writer applies later pushes over the groups it took", DEADLINE,
                () -> holds(second, "after") && orders(second, "before-a") == 5);
    }

    @Test
    void theGroupsAndStatesTakenFromAPeerAreSavedBeforeTheNewWriterServes() throws Exception {
        RunningGateway first = writer("writer-0", NO_PEER, "gateway.persistence.file", dir.resolve("snapshot").toString());
        push("before", 1);
        Poll.until("the first writer exports the group", DEADLINE,
                () -> first.gateway().export().metrics().seriesWritten() > 0);
        String journal = dir.resolve("journal").toString();
        RunningGateway second = writer("writer-1", "http://127.0.0.1:" + first.port(),
                "gateway.persistence.mode", "journal", "gateway.persistence.file", journal);
        assertThat(holds(second, "before")).isTrue();
        assertThat(second.gateway().persistence().states().save().get("export.series-history"))
                .as("the peer's start times of cumulative series").hasSizeGreaterThan(8);

        second.gateway().stop();
        RunningGateway restarted = writer("writer-1", NO_PEER,
                "gateway.persistence.mode", "journal", "gateway.persistence.file", journal);

        assertThat(holds(restarted, "before")).as("the group taken from the peer, back from the journal").isTrue();
    }

    @Test
    void theFirstWriterStartsEmptyWhenNoPeerAnswersAndAppliesWhatComes() throws Exception {
        RunningGateway first = writer("writer-0", NO_PEER);

        assertThat(first.gateway().store().groups()).isEmpty();
        assertThat(first.send("GET", "/-/ready", null).statusCode()).isEqualTo(200);
        push("later", 1);
        Poll.until("the first writer applies a push", DEADLINE, () -> holds(first, "later"));
    }

    @Test
    void withBasicAuthOnTheWritersANewWriterTakesThePeersGroupsWithTheCredentialsItIsGiven() throws Exception {
        String webConfig = basicAuthWebConfig();
        RunningGateway first = firstWriterHoldingAGroup("gateway.web.config-file", webConfig);
        Path credentials = Files.writeString(dir.resolve("seed-credentials"), "alice:secret\n");

        RunningGateway second = writer("writer-1", "http://127.0.0.1:" + first.port(), "gateway.web.config-file",
                webConfig, "gateway.ha.seed-basic-auth-file", credentials.toString());

        assertThat(holds(second, "before")).isTrue();
    }

    @Test
    void aPeerThatRefusesTheRequestStopsTheStartRatherThanLeaveTheNewWriterEmpty() throws Exception {
        String webConfig = basicAuthWebConfig();
        RunningGateway first = firstWriterHoldingAGroup("gateway.web.config-file", webConfig);

        assertThatThrownBy(() -> writer("writer-1", "http://127.0.0.1:" + first.port(), "gateway.web.config-file",
                webConfig)).hasStackTraceContaining("answered 401")
                .hasStackTraceContaining("set gateway.ha.seed-basic-auth-file");
    }

    @Test
    void aPeerWhoseCertificateThisJvmDoesNotTrustStopsTheStartRatherThanLeaveTheNewWriterEmpty() throws Exception {
        Pem.selfSigned(dir, "writer");
        String webConfig = Files.writeString(dir.resolve("tls.yml"),
                "tls_server_config:\n  cert_file: writer.crt\n  key_file: writer.key\n").toString();
        RunningGateway first = firstWriterHoldingAGroup("gateway.web.config-file", webConfig);

        assertThatThrownBy(() -> writer("writer-1", "https://127.0.0.1:" + first.port(), "gateway.web.config-file",
                webConfig)).hasStackTraceContaining("has a certificate this JVM refuses")
                .hasStackTraceContaining("javax.net.ssl.trustStore");
    }

    @Test
    void aSeedCredentialsFileWithoutAPasswordIsRefusedNamingTheSetting() throws Exception {
        Path credentials = Files.writeString(dir.resolve("seed-credentials"), "alice\n");
        GatewaySettings settings = GatewaySettings.load(Path.of("config/application.properties"), Map.of(),
                Map.of("gateway.ha.seed-from", "http://pushgateway-writer:9091",
                        "gateway.ha.seed-basic-auth-file", credentials.toString()));

        assertThatThrownBy(() -> PeerSeed.from(settings, "/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.ha.seed-basic-auth-file").hasMessageContaining("user:password");
    }

    private RunningGateway firstWriterHoldingAGroup(String... settings) throws Exception {
        RunningGateway first = writer("writer-0", NO_PEER, settings);
        push("before", 1);
        Poll.until("the first writer holds the group", DEADLINE, () -> holds(first, "before"));
        return first;
    }

    /** A web config file with the user alice, password secret. */
    private String basicAuthWebConfig() throws Exception {
        String hash = OpenBSDBCrypt.generate("2y", "secret".toCharArray(), new byte[16], 4);
        return Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  alice: '" + hash + "'\n").toString();
    }

    @Test
    void anIngestReplicaHasNoSnapshotToGive() throws Exception {
        var answer = ingest.send("GET", PeerSeed.PATH, null);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("holds no groups");
    }

    @Test
    void aSeedAddressWithAPathIsRefusedNamingTheSetting() {
        GatewaySettings settings = GatewaySettings.load(Path.of("config/application.properties"), Map.of(),
                Map.of("gateway.ha.seed-from", "http://pushgateway-writer:9091/metrics"));

        assertThatThrownBy(() -> PeerSeed.from(settings, "/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.ha.seed-from");
    }
}
