package stackdriver.pushgateway.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.Poll;

/**
 * Leader election on a Kubernetes Lease, against fabric8's mock API server in CRUD mode (it keeps the Lease and
 * refuses an update of a stale resourceVersion with a conflict, as kube-apiserver does).
 */
@EnableKubernetesMockClient(crud = true)
class LeaseLeadershipTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    static KubernetesClient client;
    private final AtomicInteger leaders = new AtomicInteger();
    private final AtomicInteger mostLeadersAtOnce = new AtomicInteger();
    private LeaseLeadership first;
    private LeaseLeadership second;
    // a Lease of its own for each test: the mock server keeps what an earlier test left
    private final String leaseName = "pushgateway-writer-" + java.util.UUID.randomUUID();

    private LeaseLeadership replica(String identity) {
        HaSettings settings = new HaSettings(true, "test", leaseName, identity, LEASE,
                Duration.ofMillis(1500), Duration.ofMillis(250), "");
        return new LeaseLeadership(client, settings, () -> mostLeadersAtOnce.accumulateAndGet(
                leaders.incrementAndGet(), Math::max), leaders::decrementAndGet);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    private Lease lease() {
        return client.leases().inNamespace("test").withName(leaseName).get();
    }

    @Test
    void twoReplicasNeverBothLead() throws Exception {
        first = replica("writer-0");
        second = replica("writer-1");
        first.start();
        second.start();

        Poll.until("one replica leads", Duration.ofSeconds(10), () -> first.leading() || second.leading());
        Set<String> renewals = new HashSet<>();
        Poll.until("the leader renews its lease several times", Duration.ofSeconds(20), () -> {
            Lease lease = lease();
            if (lease != null && lease.getSpec().getRenewTime() != null) {
                renewals.add(lease.getSpec().getRenewTime().toString());
            }
            return renewals.size() >= 4;
        });

        assertThat(mostLeadersAtOnce.get()).isEqualTo(1);
        assertThat(first.leading() ^ second.leading()).isTrue();
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(first.leading() ? "writer-0" : "writer-1");
    }

    @Test
    void theLeadersLossHandsOverWithinTheLeaseDuration() throws Exception {
        first = replica("writer-0");
        first.start();
        Poll.until("the first replica leads", Duration.ofSeconds(10), first::leading);
        second = replica("writer-1");
        second.start();

        long lost = System.nanoTime();
        first.abandon(); // as a SIGKILL: the lease is not given back, and expires
        Poll.until("the standby leads", LEASE.multipliedBy(3), second::leading);
        Duration handOver = Duration.ofNanos(System.nanoTime() - lost);

        // the lease duration, and one retry period (with its jitter) to notice it ran out
        assertThat(handOver).isLessThanOrEqualTo(LEASE.plusMillis(250 * 12 / 10 + 200));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("writer-1");
    }
}
