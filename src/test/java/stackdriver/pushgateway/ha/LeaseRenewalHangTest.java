package stackdriver.pushgateway.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.PausableProxy;
import stackdriver.pushgateway.support.Poll;

/**
 * A leader whose API server stops answering (its connections open, its requests unanswered) stops exporting by the
 * time a new leader takes it to have stopped: within the renew deadline and one retry period of its last renewal.
 * Its elector waits for the hung renewal (with fabric8's defaults, a 10 s request timeout and then retries) and only
 * then looks at its deadline; the export stops without waiting for it.
 */
@EnableKubernetesMockClient(https = false, crud = true)
class LeaseRenewalHangTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
    private static final Duration RETRY = Duration.ofMillis(500);
    static KubernetesClient client;

    @Test
    void aLeaderWhoseApiServerHangsStopsExportingWithinTheRenewDeadlineAndOneRetryPeriod() throws Exception {
        URL master = client.getMasterUrl();
        AtomicReference<Instant> stopped = new AtomicReference<>();
        try (PausableProxy apiServer = new PausableProxy(master.getHost(), master.getPort());
                // fabric8's default request timeout (10 s), without its retries, which would only make it longer
                KubernetesClient throughProxy = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                        Config.autoConfigure(null)).withMasterUrl("http://127.0.0.1:" + apiServer.port())
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            LeaseLeadership leader = new LeaseLeadership(throughProxy, settings(""), previousDone -> { },
                    () -> stopped.compareAndSet(null, Instant.now()));
            try {
                leader.start();
                Poll.until("it leads", Duration.ofSeconds(10), leader::leading);

                apiServer.pause(); // its last renewal was before this
                Instant paused = Instant.now();
                Poll.until("it stops exporting", Duration.ofSeconds(20), () -> stopped.get() != null);

                assertThat(stopped.get()).isBeforeOrEqualTo(paused.plus(RENEW_DEADLINE).plus(RETRY));
                assertThat(leader.leading()).isFalse();
            } finally {
                apiServer.close(); // ends the hung renewal, which stopping the elector would wait for
                leader.abandon(); // a release would wait for the API server that no longer answers
            }
        }
    }

    @Test
    void theElectorsRequestsEndWithinARetryPeriodAndAreNotRetriedByTheClient() {
        Config config = LeaseLeadership.clientConfig(settings("https://api.example:6443"));

        assertThat(config.getRequestTimeout()).isEqualTo(RETRY.toMillis());
        assertThat(config.getConnectionTimeout()).isEqualTo(RETRY.toMillis());
        assertThat(config.getRequestRetryBackoffLimit()).isZero();
        assertThat(config.getMasterUrl()).startsWith("https://api.example:6443");
    }

    private static HaSettings settings(String kubernetesUrl) {
        return new HaSettings(true, "test", "hang-" + UUID.randomUUID(), "writer-0", LEASE, RENEW_DEADLINE, RETRY,
                kubernetesUrl);
    }
}
