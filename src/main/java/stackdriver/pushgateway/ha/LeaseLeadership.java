package stackdriver.pushgateway.ha;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
    /** The client made here, closed here; null when the caller's. */
    private final KubernetesClient ownClient;
    private volatile boolean leading;
    private CompletableFuture<?> running;

    /** On the API server of {@code gateway.ha.kubernetes-url}, or the one fabric8 finds (the pod's service account). */
    public LeaseLeadership(HaSettings settings, Runnable onLead, Runnable onFollow) {
        this(client(settings), settings, onLead, onFollow, true);
    }

    /**
     * @param onLead   run when this replica becomes the leader (start exporting)
     * @param onFollow run when it stops being the leader (stop exporting)
     */
    public LeaseLeadership(KubernetesClient client, HaSettings settings, Runnable onLead, Runnable onFollow) {
        this(client, settings, onLead, onFollow, false);
    }

    private LeaseLeadership(KubernetesClient client, HaSettings settings, Runnable onLead, Runnable onFollow,
            boolean owned) {
        this.settings = settings;
        this.ownClient = owned ? client : null;
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

    private static KubernetesClient client(HaSettings settings) {
        // the found configuration (service account token, CA) with only the URL replaced when one is set
        Config found = Config.autoConfigure(null);
        Config config = settings.kubernetesUrl().isEmpty() ? found
                : new ConfigBuilder(found).withMasterUrl(settings.kubernetesUrl()).build();
        return new KubernetesClientBuilder().withConfig(config).build();
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
        if (ownClient != null) {
            ownClient.close();
        }
    }
}
