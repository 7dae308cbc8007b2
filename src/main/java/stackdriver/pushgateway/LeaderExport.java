package stackdriver.pushgateway;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.export.SeriesHistory;

/**
 * With standby writers, the export timer runs on the leader only. A new leader's first export waits until Cloud
 * Monitoring's sampling period has passed since the previous leader's last point: a standby has sent no point itself,
 * so its series history cannot hold it back, and a point sooner would be rejected. Then it exports once itself and
 * starts the route's timer, whose first export is one interval later. (A timer started with no delay was seen to
 * drop its first tick now and then: it fired before its consumer counted as started, and the hand-over took an
 * interval more.)
 */
final class LeaderExport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderExport.class);
    static final String ROUTE = "export-timer";
    /** What the timer calls: one export of every stored group. */
    static final String EXPORT = "direct:export";

    private final Supplier<CamelContext> context;
    private final Clock clock;
    private final ScheduledExecutorService starts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "leader-export-start");
        thread.setDaemon(true);
        return thread;
    });
    private boolean leading;
    private ScheduledFuture<?> pendingStart;

    /** @param clock the system's: the previous leader's times are read from the Lease, in its clock */
    LeaderExport(Supplier<CamelContext> context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /** This replica leads: the export starts a sampling period after {@code previousLeaderDone}, or at once. */
    synchronized void lead(Instant previousLeaderDone) {
        leading = true;
        Instant first = previousLeaderDone.plus(SeriesHistory.SAMPLING_PERIOD);
        long wait = Math.max(0, Duration.between(clock.instant(), first).toMillis());
        if (wait > 0) {
            LOG.info("The first export waits {} ms: the previous leader may have written points until {}", wait,
                    previousLeaderDone);
        }
        // never on the elector's thread: its renewals must not wait for this
        pendingStart = starts.schedule(this::startIfLeading, wait, TimeUnit.MILLISECONDS);
    }

    /** This replica no longer leads: the export stops, or does not start. */
    synchronized void follow() {
        leading = false;
        if (pendingStart != null) {
            pendingStart.cancel(false);
            pendingStart = null;
        }
        route(false);
    }

    private void startIfLeading() {
        try {
            synchronized (this) {
                if (!leading) {
                    return;
                }
                route(true);
            }
            // outside the lock: follow() must not wait for an export
            try (ProducerTemplate export = context.get().createProducerTemplate()) {
                export.sendBody(EXPORT, null);
            }
        } catch (RuntimeException | IOException e) {
            LOG.error("The leader's export did not start", e);
        }
    }

    private void route(boolean run) {
        try {
            if (run) {
                context.get().getRouteController().startRoute(ROUTE);
            } else {
                context.get().getRouteController().stopRoute(ROUTE);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot " + (run ? "start" : "stop") + " the export: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        starts.shutdownNow();
    }
}
