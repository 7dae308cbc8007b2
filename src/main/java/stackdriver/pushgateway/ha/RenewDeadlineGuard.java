package stackdriver.pushgateway.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the leader's export once the renew deadline has passed since its last successful renewal, without waiting
 * for fabric8's elector to notice. The elector looks at its deadline only between tries, which are up to 2.2 retry
 * periods apart (a retry period and its jitter), and only once a try has returned: a renewal that hangs on an API
 * server that stopped answering kept a leader exporting after a standby had taken the Lease. A new leader counts on
 * the lost one having stopped within the renew deadline and one retry period of its last renewal
 * ({@link LeaseLeadership#previousLeaderDone}); {@link #check} runs often enough for that. If a renewal then
 * succeeds after all (a slow one), the Lease was still this replica's, and the export resumes.
 */
final class RenewDeadlineGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RenewDeadlineGuard.class);

    private final Duration renewDeadline;
    private final Consumer<Instant> onLead;
    private final Runnable onFollow;
    /** the renew time of this replica's last write that held the Lease */
    private volatile Instant lastRenewal = Instant.EPOCH;
    /** whether the elector has made this replica the leader and not yet stopped it */
    private boolean elected;
    /** when the export was held back for a missed deadline while the elector still counted this replica the leader */
    private Instant heldBackAt;

    /**
     * @param onLead   starts the export, given the instant after which the previous exporter wrote nothing
     * @param onFollow stops the export
     */
    RenewDeadlineGuard(Duration renewDeadline, Consumer<Instant> onLead, Runnable onFollow) {
        this.renewDeadline = renewDeadline;
        this.onLead = onLead;
        this.onFollow = onFollow;
    }

    /** A write that holds the Lease for this replica (its acquisition or a renewal) succeeded. */
    void renewed(Instant renewTime) {
        lastRenewal = renewTime;
    }

    /** The elector made this replica the leader. */
    synchronized void elected(Instant previousLeaderDone) {
        elected = true;
        heldBackAt = null;
        onLead.accept(previousLeaderDone);
    }

    /** The elector stopped counting this replica the leader. */
    synchronized void deposed() {
        elected = false;
        heldBackAt = null;
        onFollow.run();
    }

    /**
     * Holds the export back when the deadline has passed at {@code now}, or resumes it after a late renewal. What
     * {@code onFollow} or {@code onLead} throws is thrown, and the next check tries again.
     */
    synchronized void check(Instant now) {
        if (!elected) {
            return;
        }
        boolean late = now.isAfter(lastRenewal.plus(renewDeadline));
        if (late && heldBackAt == null) {
            LOG.warn("No renewal of the Lease for {} ms (the renew deadline): the export stops", renewDeadline.toMillis());
            onFollow.run();
            heldBackAt = now;
        } else if (!late && heldBackAt != null) {
            LOG.info("The Lease was renewed after all: the export resumes");
            onLead.accept(heldBackAt);
            heldBackAt = null;
        }
    }

    /** Whether this replica leads and exports. */
    synchronized boolean exporting() {
        return elected && heldBackAt == null;
    }
}
