package stackdriver.pushgateway.expiry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;

/**
 * Deletes the groups not pushed for their TTL, on a schedule of its own, off the push path: a push costs nothing
 * more with a TTL. A group is deleted through the store pushes go through, as a DELETE is, so that in journal mode
 * the deletion is journaled and in snapshot mode the next snapshot lacks the group.
 */
public final class GroupExpiry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupExpiry.class);

    private final GroupStore store;
    private final GroupTtl ttl;
    private final Clock clock;
    private final LongAdder expired = new LongAdder();
    private ScheduledExecutorService sweeper;
    /** Whether the last scheduled sweep failed; only the sweeper's thread (or start) reads and writes it. */
    private boolean failing;

    public GroupExpiry(GroupStore store, GroupTtl ttl, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Deletes what has expired by now (groups restored from disk, say), then keeps doing so every sweep interval. */
    public synchronized void start() {
        if (!ttl.enabled() || sweeper != null) {
            return;
        }
        sweepLogged();
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "group-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long period = ttl.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepLogged, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Deletes every group whose TTL has passed; returns how many. A group pushed while the sweep runs is checked
     * again as it is deleted, and kept.
     */
    public int sweep() {
        Instant now = clock.instant();
        int deleted = 0;
        for (Group group : store.groups()) {
            if (ttl.expired(group, now) && store.deleteIf(group.key(), current -> ttl.expired(current, now))) {
                deleted++;
                expired.increment();
                LOG.debug("group {} expired at {}", group.key(), ttl.expiresAt(group));
            }
        }
        if (deleted > 0) {
            LOG.info("{} group(s) not pushed for their TTL deleted", deleted);
        }
        return deleted;
    }

    /**
     * The scheduled sweep. One that fails (the journal cannot write, say) is tried again next sweep, the gateway
     * serving meanwhile; the log says so once when sweeps start failing and once when one succeeds again, not on
     * every sweep.
     */
    void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            if (failing) {
                LOG.debug("expiring groups still fails: {}", e.toString());
            } else {
                LOG.warn("expiring groups failed, trying again every {} (logged again once it succeeds): {}",
                        ttl.sweepInterval(), e.toString());
            }
            failing = true;
            return;
        }
        if (failing) {
            LOG.info("expiring groups succeeds again");
        }
        failing = false;
    }

    /** The group's expiry time; null when it has none. */
    public Instant expiresAt(Group group) {
        return ttl.expiresAt(group);
    }

    public List<MetricFamily> selfMetrics() {
        return List.of(new MetricFamily("stackdriver_pushgateway_groups_expired_total",
                "Groups deleted because they were not pushed for their TTL (gateway.groups.ttl).", MetricType.COUNTER,
                List.of(Metric.ofValue(Labels.EMPTY, expired.sum()))));
    }

    /** Stops sweeping, and waits for a sweep under way, so that none writes to a journal being closed. */
    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdown();
            try {
                sweeper.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
