package stackdriver.pushgateway.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final Duration RENEW_DEADLINE = Duration.ofMillis(1500);
    private static final Duration RETRY = Duration.ofMillis(250);
    /** What each replica was told, when it became the leader, of the previous leader's last export. */
    private final Map<String, Instant> previousLeaderDone = new ConcurrentHashMap<>();

    private HaSettings settings(String identity) {
        return new HaSettings(true, "test", leaseName, identity, LEASE, RENEW_DEADLINE, RETRY, "");
    }

    private LeaseLeadership replica(String identity) {
        return new LeaseLeadership(client, settings(identity), previousDone -> {
            previousLeaderDone.put(identity, previousDone);
            mostLeadersAtOnce.accumulateAndGet(leaders.incrementAndGet(), Math::max);
        }, leaders::decrementAndGet);
    }

    @AfterEach
    void stop() {
        for (LeaseLeadership replica : new LeaseLeadership[] {first, second}) {
            if (replica != null) {
                replica.close();
            }
        }
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
        leaderAndStandby();

        long lost = System.nanoTime();
        first.abandon(); // as a SIGKILL: the lease is not given back, and expires
        Poll.until("the standby leads", LEASE.multipliedBy(3), second::leading);
        Duration handOver = Duration.ofNanos(System.nanoTime() - lost);

        // the lease duration, and one retry period (with its jitter) to notice it ran out
        assertThat(handOver).isLessThanOrEqualTo(LEASE.plusMillis(250 * 12 / 10 + 200));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("writer-1");
    }

    @Test
    void aLeaderThatStopsGivesTheLeaseBackAndTheStandbyExportsFromItsRelease() throws Exception {
        leaderAndStandby();

        first.close(); // a graceful stop: the lease is given back
        Instant released = Instant.now();
        Poll.until("the standby leads", LEASE, second::leading);

        // not the renew deadline and a retry period after the release, as for a leader that was lost
        assertThat(previousLeaderDone.get("writer-1")).isBeforeOrEqualTo(released);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("writer-1");
    }

    /** writer-0 leads, writer-1 stands by. */
    private void leaderAndStandby() throws Exception {
        first = replica("writer-0");
        first.start();
        Poll.until("the first replica leads", Duration.ofSeconds(10), first::leading);
        second = replica("writer-1");
        second.start();
    }

    @Test
    void theFirstLeaderHasNoPreviousLeaderToWaitFor() throws Exception {
        first = replica("writer-0");
        first.start();
        Poll.until("the replica leads", Duration.ofSeconds(10), first::leading);

        assertThat(previousLeaderDone).containsEntry("writer-0", Instant.EPOCH);
    }

    @Test
    void aNewLeaderIsToldWhenTheLostLeaderStoppedExportingAtTheLatest() throws Exception {
        first = replica("writer-0");
        first.start();
        Poll.until("the first replica leads", Duration.ofSeconds(10), first::leading);
        Instant firstLed = Instant.now();
        second = replica("writer-1");
        second.start();

        first.abandon(); // as a SIGKILL: the lease is not given back, and expires
        Poll.until("the standby leads", LEASE.multipliedBy(3), second::leading);
        Instant secondLed = Instant.now();

        // the first renewed last at least a lease duration before the second took over, and would have stopped
        // leading within the renew deadline and one retry period of that renewal
        assertThat(previousLeaderDone.get("writer-1")).isAfter(firstLed.minusSeconds(1))
                .isBeforeOrEqualTo(secondLed.minus(LEASE).plus(RENEW_DEADLINE).plus(RETRY));
    }

    @Test
    void aLeaderThatHeldTheLeaseExportsUntilItsRenewDeadlineAndOneRetryPeriodAfterItsLastRenewal() {
        ZonedDateTime renewed = ZonedDateTime.parse("2026-01-01T12:00:00Z");
        LeaderElectionRecord held = new LeaderElectionRecord("writer-0", LEASE, renewed.minusMinutes(5), renewed, 3);

        assertThat(LeaseLeadership.previousLeaderDone(held, settings("writer-1")))
                .isEqualTo(renewed.toInstant().plus(RENEW_DEADLINE).plus(RETRY));
    }

    @Test
    void aLeaderThatGaveTheLeaseBackExportedNothingAfterItsRelease() {
        ZonedDateTime released = ZonedDateTime.parse("2026-01-01T12:00:00Z");
        LeaderElectionRecord empty = new LeaderElectionRecord("", Duration.ofSeconds(1), released, released, 3);

        assertThat(LeaseLeadership.previousLeaderDone(empty, settings("writer-1"))).isEqualTo(released.toInstant());
    }

    @Test
    void aLeaseNotYetMadeHadNoLeader() {
        assertThat(LeaseLeadership.previousLeaderDone(null, settings("writer-1"))).isEqualTo(Instant.EPOCH);
    }
}
