package stackdriver.pushgateway.ha;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;

/**
 * fabric8's {@link LeaseLock}, remembering the Lease as it was before this replica last wrote it. The elector reads
 * the Lease, then writes it: when that write made this replica the leader, the record read is the previous leader's
 * (who held it, and when it last renewed), which fabric8's callbacks do not pass on.
 */
final class RecordingLeaseLock implements Lock {
    private final LeaseLock lease;
    private LeaderElectionRecord lastRead;
    private LeaderElectionRecord beforeLastWrite;

    RecordingLeaseLock(String namespace, String name, String identity) {
        this.lease = new LeaseLock(namespace, name, identity);
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
    }

    @Override
    public synchronized void update(KubernetesClient client, LeaderElectionRecord record) {
        beforeLastWrite = lastRead;
        lease.update(client, record);
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
