package stackdriver.pushgateway.ha;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which writer replica exports: the holder of a Kubernetes Lease, kept by fabric8's leader elector (client-go's
 * algorithm, as GMP's exporter uses for HA). A replica that cannot renew within the renew deadline stops leading
 * at once; a replica that dies is replaced once its lease expires. A new leader is told when the previous one
 * exported last, so that its first points keep Cloud Monitoring's sampling period after the previous leader's.
 */
public final class LeaseLeadership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);
    private final LeaderElector elector;
    private final HaSettings settings;
    private final RecordingLeaseLock lock;
    private final RenewDeadlineGuard guard;
    /** checks the renew deadline four times a retry period, so a lost leader stops well within one */
    private final ScheduledExecutorService deadlineChecks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lease-deadline");
        thread.setDaemon(true);
        return thread;
    });
    /** The client made here, closed here; null when the caller's. */
    private final KubernetesClient ownClient;
    private CompletableFuture<?> running;

    /** On the API server of {@code gateway.ha.kubernetes-url}, or the one fabric8 finds (the pod's service account). */
    public LeaseLeadership(HaSettings settings, Consumer<Instant> onLead, Runnable onFollow) {
        this(client(settings), settings, onLead, onFollow, true);
    }

    /**
     * @param onLead   run when this replica becomes the leader (start exporting), with the instant after which the
     *                 previous leader exports nothing (see {@link #previousLeaderDone})
     * @param onFollow run when it stops being the leader (stop exporting)
     */
    public LeaseLeadership(KubernetesClient client, HaSettings settings, Consumer<Instant> onLead, Runnable onFollow) {
        this(client, settings, onLead, onFollow, false);
    }

    private LeaseLeadership(KubernetesClient client, HaSettings settings, Consumer<Instant> onLead,
            Runnable onFollow, boolean owned) {
        this.settings = settings;
        this.ownClient = owned ? client : null;
        this.guard = new RenewDeadlineGuard(settings.renewDeadline(), onLead, onFollow);
        this.lock = new RecordingLeaseLock(settings.namespace(), settings.leaseName(), settings.identity(),
                guard::renewed);
        this.elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("stackdriver-pushgateway")
                .withLock(lock)
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                // released by close(), so a replica that stops hands over at once; one that dies does not
                .withReleaseOnCancel(false)
                .withLeaderCallbacks(new LeaderCallbacks(() -> {
                    // called by the elector right after the write that made this replica the leader
                    Instant previousDone = previousLeaderDone(lock.beforeLastWrite(), settings);
                    LOG.info("{} leads (Lease {}/{}): exporting; the previous leader exported nothing after {}",
                            settings.identity(), settings.namespace(), settings.leaseName(), previousDone);
                    guard.elected(previousDone);
                }, () -> {
                    LOG.info("{} no longer leads: not exporting", settings.identity());
                    guard.deposed();
                }, leader -> LOG.info("the leader is {}", leader)))
                .build()).build();
    }

    /**
     * The instant after which the leader before this one exports nothing, from the Lease as it was just before this
     * replica took it. One that released it stopped exporting before it did (the release is its renew time). One
     * that lost it, dead or cut off, stops once it has not renewed for the renew deadline, which its elector checks
     * every retry period. (Times of the previous leader's clock: the nodes' clocks are taken to agree, as
     * Kubernetes' own leader election takes them to.) No previous leader: {@link Instant#EPOCH}.
     */
    static Instant previousLeaderDone(LeaderElectionRecord before, HaSettings settings) {
        if (before == null || before.getRenewTime() == null) {
            return Instant.EPOCH;
        }
        Instant renewed = before.getRenewTime().toInstant();
        String holder = before.getHolderIdentity();
        return holder == null || holder.isEmpty() ? renewed
                : renewed.plus(settings.renewDeadline()).plus(settings.retryPeriod());
    }

    /**
     * Gives the Lease back when held. A renewal the cancelled elector had in flight can still land after the release
     * read the Lease: its write then conflicts, and is tried again on the Lease as it is now. A release that fails
     * only delays the hand-over until the Lease expires: never a reason not to stop.
     */
    private void release() {
        for (int attempt = 1; ; attempt++) {
            try {
                if (elector.release()) {
                    LOG.info("{} released the Lease {}", settings.identity(), settings.leaseName());
                }
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 3) {
                    LOG.warn("{} could not give the Lease {} back ({}): a standby takes over once it expires",
                            settings.identity(), settings.leaseName(), e.getMessage());
                    return;
                }
            }
        }
    }

    private static KubernetesClient client(HaSettings settings) {
        return new KubernetesClientBuilder().withConfig(clientConfig(settings)).build();
    }

    /** The found configuration (service account token, CA), with the URL replaced when one is set. */
    static Config clientConfig(HaSettings settings) {
        Config found = Config.autoConfigure(null);
        ConfigBuilder config = new ConfigBuilder(found)
                // a try of the elector ends within a retry period (fabric8's default waits 10 s, then retries up to
                // 10 times); the elector's loop is the one that tries again
                .withConnectionTimeout((int) settings.retryPeriod().toMillis())
                .withRequestTimeout((int) settings.retryPeriod().toMillis())
                .withRequestRetryBackoffLimit(0);
        if (!settings.kubernetesUrl().isEmpty()) {
            config.withMasterUrl(settings.kubernetesUrl());
        }
        return config.build();
    }

    public synchronized void start() {
        if (running == null) {
            running = elector.start();
            long every = Math.max(10, settings.retryPeriod().toMillis() / 4);
            deadlineChecks.scheduleWithFixedDelay(this::checkDeadline, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Never throws: a scheduled task that throws is not run again. */
    private void checkDeadline() {
        try {
            guard.check(Instant.now());
        } catch (RuntimeException e) {
            LOG.error("{} could not stop or resume the export at its renew deadline; tried again shortly",
                    settings.identity(), e);
        }
    }

    /** Whether this replica leads and exports. */
    public boolean leading() {
        return guard.exporting();
    }

    /** Stops taking part without giving the Lease back, as a replica that dies: the others wait for it to expire. */
    synchronized void abandon() {
        deadlineChecks.shutdownNow();
        if (running != null) {
            running.cancel(true);
        }
    }

    /** Stops taking part, and gives the Lease back when held, so a standby takes over at its next try. */
    @Override
    public synchronized void close() {
        abandon();
        if (running != null) {
            release();
        }
        if (ownClient != null) {
            ownClient.close();
        }
    }
}
