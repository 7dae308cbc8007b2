package stackdriver.pushgateway.ha;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * fabric8's {@link LeaseLock}, remembering the Lease as it was before this replica last wrote it. The elector reads
 * the Lease, then writes it: when that write made this replica the leader, the record read is the previous leader's
 * (who held it, and when it last renewed), which fabric8's callbacks do not pass on.
 *
 * <p>It also makes a release give the Lease back. fabric8 releases by writing a record without a holder, but writes
 * records as a merge patch, which leaves out a field that is null: the Lease kept the holder's name, so a standby
 * waited for it to expire, and then took the releasing replica for one that may still export. A release now writes
 * the empty holder, as client-go's does.
 */
final class RecordingLeaseLock implements Lock {
    private final LeaseLock lease;
    /** told the renew time of each write that holds the Lease for this replica, once it succeeded */
    private final Consumer<Instant> onHeld;
    private LeaderElectionRecord lastRead;
    private LeaderElectionRecord beforeLastWrite;

    RecordingLeaseLock(String namespace, String name, String identity, Consumer<Instant> onHeld) {
        this.lease = new LeaseLock(namespace, name, identity);
        this.onHeld = onHeld;
    }

    @Override
    public synchronized LeaderElectionRecord get(KubernetesClient client) {
        lastRead = lease.get(client);
        return lastRead;
    }

    @Override
    public synchronized void create(KubernetesClient client, LeaderElectionRecord record) {
        beforeLastWrite = null;
        lease.create(client, record);
        written(record);
    }

    @Override
    public synchronized void update(KubernetesClient client, LeaderElectionRecord record) {
        beforeLastWrite = lastRead;
        lease.update(client, record.getHolderIdentity() != null ? record : new LeaderElectionRecord("",
                record.getLeaseDuration(), record.getAcquireTime(), record.getRenewTime(), record.getLeaderTransitions()));
        written(record);
    }

    private void written(LeaderElectionRecord record) {
        if (lease.identity().equals(record.getHolderIdentity()) && record.getRenewTime() != null) {
            onHeld.accept(record.getRenewTime().toInstant());
        }
    }

    /** The Lease as it was before this replica's latest write; null when that write created it. */
    synchronized LeaderElectionRecord beforeLastWrite() {
        return beforeLastWrite;
    }

    @Override
    public String identity() {
        return lease.identity();
    }

    @Override
    public String describe() {
        return lease.describe();
    }
}
