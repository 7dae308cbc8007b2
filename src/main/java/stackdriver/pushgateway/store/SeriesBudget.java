package stackdriver.pushgateway.store;

import java.util.function.Predicate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/**
 * A bound on the series the store holds ({@code gateway.limits.series-total}), so that the heap is never asked
 * for more than it has, and optionally on those of one job ({@code gateway.limits.series-per-job}), so that one
 * runaway job cannot take the whole budget from the others: a push that would take the store or its job past its
 * bound is refused before it is applied. The counts are kept as pushes come (what a push adds less what it
 * replaces or deletes), never by walking the store.
 */
public final class SeriesBudget extends ForwardingGroupStore {

    /** No bound on a job's series. */
    public static final long NO_JOB_LIMIT = 0;

    private final long limit;
    private final long jobLimit;
    private final AtomicLong used = new AtomicLong();
    private final Map<String, AtomicLong> usedByJob = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    /** A group's count before and after a push is read with no other push to that group in between. */
    private final GroupLocks groupLocks = new GroupLocks();

    /** @param store its groups (restored ones, say) count from the start */
    public SeriesBudget(GroupStore store, long limit) {
        this(store, limit, NO_JOB_LIMIT);
    }

    /** @param jobLimit most series of one job, or {@link #NO_JOB_LIMIT} */
    public SeriesBudget(GroupStore store, long limit, long jobLimit) {
        super(store);
        this.limit = limit;
        this.jobLimit = jobLimit;
        recount();
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used.get();
    }

    /** Most series of one job; {@link #NO_JOB_LIMIT} when there is no such bound. */
    public long jobLimit() {
        return jobLimit;
    }

    /** The series one job's groups hold. */
    public long usedBy(String job) {
        AtomicLong count = usedByJob.get(job);
        return count == null ? 0 : count.get();
    }

    @Override
    public void apply(PushRequest request) throws InconsistentPushException {
        ReentrantLock lock = groupLocks.of(request.key());
        lock.lock();
        try {
            Group before = store.group(request.key());
            long countBefore = before == null ? 0 : before.seriesCount();
            long reserved = Math.max(0, seriesAfter(request, before) - countBefore);
            AtomicLong jobUsed = jobUsed(request.key());
            reserve(reserved, jobUsed, request);
            try {
                store.apply(request);
            } finally {
                Group after = store.group(request.key());
                long change = (after == null ? 0 : after.seriesCount()) - countBefore - reserved;
                used.addAndGet(change);
                jobUsed.addAndGet(change);
            }
        } finally {
            lock.unlock();
        }
    }

    private void reserve(long series, AtomicLong jobUsed, PushRequest request) {
        if (series == 0) {
            return;
        }
        if (jobLimit != NO_JOB_LIMIT && !take(jobUsed, series, jobLimit)) {
            refused.incrementAndGet();
            throw new SeriesBudgetExceededException("push would add " + series + " series to the " + jobUsed.get()
                    + " of job \"" + request.key().job() + "\", more than the " + jobLimit + " one job may hold"
                    + " (gateway.limits.series-per-job); delete this job's groups that are no longer pushed");
        }
        if (!take(used, series, limit)) {
            jobUsed.addAndGet(-series);
            refused.incrementAndGet();
            throw new SeriesBudgetExceededException("push would add " + series + " series to the " + used.get()
                    + " stored, more than the " + limit + " the gateway holds (gateway.limits.series-total);"
                    + " delete groups that are no longer pushed, or give the gateway more memory");
        }
        if (jobLimit == NO_JOB_LIMIT) {
            jobUsed.addAndGet(series);
        }
    }

    /** Adds {@code series} to {@code count} unless that takes it past {@code bound}. */
    private static boolean take(AtomicLong count, long series, long bound) {
        long now;
        do {
            now = count.get();
            if (now + series > bound) {
                return false;
            }
        } while (!count.compareAndSet(now, now + series));
        return true;
    }

    /** The group's series once the push is applied (the store drops the gateway's own families from a push). */
    private static long seriesAfter(PushRequest request, Group before) {
        long series = 0;
        for (MetricFamily family : request.families()) {
            if (!MetricStore.GATEWAY_FAMILIES.contains(family.name())) {
                series += family.metrics().size();
            }
        }
        return switch (request.method()) {
            case DELETE -> 0;
            case PUT -> series;
            case POST -> {
                if (before != null) {
                    for (Map.Entry<String, StoredFamily> kept : before.families().entrySet()) {
                        if (request.families().stream().noneMatch(f -> f.name().equals(kept.getKey()))) {
                            series += kept.getValue().family().metrics().size();
                        }
                    }
                }
                yield series;
            }
        };
    }

    /** An expiry: what it deletes frees its series. */
    @Override
    public boolean deleteIf(GroupingKey key, Predicate<Group> condition) {
        ReentrantLock lock = groupLocks.of(key);
        lock.lock();
        try {
            Group before = store.group(key);
            boolean deleted = store.deleteIf(key, condition);
            if (deleted) {
                used.addAndGet(-before.seriesCount());
                jobUsed(key).addAndGet(-before.seriesCount());
            }
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wipe() {
        groupLocks.lockAll();
        try {
            store.wipe();
        } finally {
            recount();
            groupLocks.unlockAll();
        }
    }

    @Override
    public void restore(Group group) {
        ReentrantLock lock = groupLocks.of(group.key());
        lock.lock();
        try {
            Group before = store.group(group.key());
            store.restore(group);
            long change = group.seriesCount() - (before == null ? 0 : before.seriesCount());
            used.addAndGet(change);
            jobUsed(group.key()).addAndGet(change);
        } finally {
            lock.unlock();
        }
    }

    /** For {@code GET /metrics}: the budget, its use, and the pushes it refused. */
    public List<MetricFamily> metrics() {
        return List.of(
                gauge("stackdriver_pushgateway_series_limit",
                        "Most series the store holds (gateway.limits.series-total).", limit),
                gauge("stackdriver_pushgateway_series_budget_used", "Series counted against the limit.", used.get()),
                new MetricFamily("stackdriver_pushgateway_series_limit_refused_pushes_total",
                        "Pushes refused because they would exceed gateway.limits.series-total or series-per-job.", MetricType.COUNTER,
                        List.of(Metric.ofValue(Labels.EMPTY, refused.get()))));
    }

    private static MetricFamily gauge(String name, String help, double value) {
        return new MetricFamily(name, help, MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, value)));
    }

    private AtomicLong jobUsed(GroupingKey key) {
        return usedByJob.computeIfAbsent(key.job(), job -> new AtomicLong());
    }

    /** Counts the store's groups again: after groups were put into it behind the budget's back (a restore). */
    public void recount() {
        usedByJob.clear();
        long total = 0;
        for (Group group : store.groups()) {
            total += group.seriesCount();
            jobUsed(group.key()).addAndGet(group.seriesCount());
        }
        used.set(total);
    }
}
