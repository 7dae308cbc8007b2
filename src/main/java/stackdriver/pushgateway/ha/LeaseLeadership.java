package stackdriver.pushgateway.ha;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which writer replica exports: the holder of a Kubernetes Lease, kept by fabric8's leader elector (client-go's
 * algorithm, as GMP's exporter uses for HA). A replica that cannot renew within the renew deadline stops leading
 * at once; a replica that dies is replaced once its lease expires.
 */
public final class LeaseLeadership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);
    private final LeaderElector elector;
    private final HaSettings settings;
    private volatile boolean leading;
    private CompletableFuture<?> running;

    /**
     * @param onLead   run when this replica becomes the leader (start exporting)
     * @param onFollow run when it stops being the leader (stop exporting)
     */
    public LeaseLeadership(KubernetesClient client, HaSettings settings, Runnable onLead, Runnable onFollow) {
        this.settings = settings;
        this.elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("stackdriver-pushgateway")
                .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                // released by close(), so a replica that stops hands over at once; one that dies does not
                .withReleaseOnCancel(false)
                .withLeaderCallbacks(new LeaderCallbacks(() -> {
                    leading = true;
                    LOG.info("{} leads (Lease {}/{}): exporting", settings.identity(), settings.namespace(),
                            settings.leaseName());
                    onLead.run();
                }, () -> {
                    leading = false;
                    LOG.info("{} no longer leads: not exporting", settings.identity());
                    onFollow.run();
                }, leader -> LOG.info("the leader is {}", leader)))
                .build()).build();
    }

    public synchronized void start() {
        if (running == null) {
            running = elector.start();
        }
    }

    public boolean leading() {
        return leading;
    }

    /** Stops taking part without giving the Lease back, as a replica that dies: the others wait for it to expire. */
    synchronized void abandon() {
        if (running != null) {
            running.cancel(true);
        }
    }

    /** Stops taking part, and gives the Lease back when held, so a standby takes over at its next try. */
    @Override
    public synchronized void close() {
        abandon();
        if (running != null && elector.release()) {
            LOG.info("{} released the Lease {}", settings.identity(), settings.leaseName());
        }
    }
}
