package stackdriver.pushgateway.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import stackdriver.pushgateway.model.LabelOverlay;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/**
 * Every pushed group, with the Pushgateway's PUT/POST/DELETE semantics. Groups are immutable snapshots
 * swapped atomically per grouping key, so pushes to different groups do not wait for each other and a
 * reader always sees whole pushes.
 */
public class MetricStore implements GroupStore {

    /** Families the gateway writes itself; a pushed sample of these names is replaced by the gateway's own. */
    public static final Set<String> GATEWAY_FAMILIES = Set.of("push_time_seconds", "push_failure_time_seconds");

    private final ConcurrentHashMap<GroupingKey, Group> groups = new ConcurrentHashMap<>();
    private final FamilyTypeIndex types = new FamilyTypeIndex();
    private final RecentFamilies recent = new RecentFamilies();
    private final boolean checkConsistency;
    private final Clock clock;

    public MetricStore(boolean checkConsistency, Clock clock) {
        this.checkConsistency = checkConsistency;
        this.clock = clock;
    }

    public MetricStore() {
        this(true, Clock.systemUTC());
    }

    @Override
    public void apply(PushRequest request) throws InconsistentPushException {
        Instant time = request.time();
        if (request.method() == PushRequest.Method.DELETE) {
            if (time == null || !reflectsLater(groups.get(request.key()), time)) {
                delete(request.key());
            }
            return;
        }
        Instant now = time != null ? time : clock.instant();
        List<MetricFamily> families = withGroupingKey(request, recent);
        InconsistentPushException[] failure = new InconsistentPushException[1];
        groups.compute(request.key(), (key, old) -> {
            if (time != null && reflectsLater(old, time)) {
                return old;
            }
            Group group = old == null ? Group.empty(key) : old;
            try {
                return applyTo(group, request.method(), families, now);
            } catch (InconsistentPushException e) {
                failure[0] = e;
                return group.withFailure(now);
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        families.forEach(recent::remember);
    }

    /**
     * Whether the group already reflects a push accepted after {@code time}: a carried push that was delivered late
     * (a POST redelivered after a later PUT) then changes nothing, on every replica alike.
     */
    private static boolean reflectsLater(Group group, Instant time) {
        return group != null && (group.lastPush() != null && group.lastPush().isAfter(time)
                || group.lastFailure() != null && group.lastFailure().isAfter(time));
    }

    /**
     * The checks a push must pass that do not depend on what is stored (timestamps, duplicate series, label
     * names), for gateways that forward pushes instead of storing them.
     */
    public static void checkOnItsOwn(PushRequest request) throws InconsistentPushException {
        PushValidator.validate(withGroupingKey(request, null), true);
    }

    private void delete(GroupingKey key) {
        Group removed = groups.remove(key);
        if (removed != null && checkConsistency) {
            types.release(typesOf(removed.families()));
        }
    }

    @Override
    public boolean deleteIf(GroupingKey key, Predicate<Group> condition) {
        Group[] removed = new Group[1];
        groups.computeIfPresent(key, (k, group) -> {
            if (!condition.test(group)) {
                return group;
            }
            removed[0] = group;
            return null;
        });
        if (removed[0] != null && checkConsistency) {
            types.release(typesOf(removed[0].families()));
        }
        return removed[0] != null;
    }

    @Override
    public void wipe() {
        groups.keySet().forEach(this::delete);
    }

    @Override
    public Collection<Group> groups() {
        return groups.values();
    }

    @Override
    public Group group(GroupingKey key) {
        return groups.get(key);
    }

    @Override
    public void restore(Group group) {
        groups.put(group.key(), group);
        if (checkConsistency) {
            types.update(Map.of(), typesOf(group.families()));
        }
    }

    private Group applyTo(Group group, PushRequest.Method method, List<MetricFamily> pushed, Instant now)
            throws InconsistentPushException {
        PushValidator.validate(pushed, checkConsistency);
        Map<String, StoredFamily> next = method == PushRequest.Method.PUT ? new HashMap<>() : new HashMap<>(group.families());
        for (MetricFamily family : pushed) {
            StoredFamily before = group.families().get(family.name());
            if (before != null && before.family().type() != family.type()) {
                before = null;
            }
            Instant since = before != null ? before.since() : now;
            next.put(family.name(), new StoredFamily(family, now, since, SeriesResets.after(before, family, now)));
        }
        if (checkConsistency) {
            claimTypes(group, pushed, next);
        }
        return group.withFamilies(next, now);
    }

    private void claimTypes(Group group, List<MetricFamily> pushed, Map<String, StoredFamily> next)
            throws InconsistentPushException {
        Map<String, MetricType> before = typesOf(group.families());
        Map<String, MetricType> after = typesOf(next);
        if (before.equals(after)) {
            return;
        }
        FamilyTypeIndex.Conflict conflict = types.update(before, after);
        if (conflict != null) {
            MetricFamily family = pushed.stream().filter(f -> f.name().equals(conflict.name())).findFirst().orElseThrow();
            throw new InconsistentPushException("collected metric " + MetricDescription.of(family, family.metrics().get(0))
                    + " is not a " + conflict.heldType().name());
        }
    }

    private static Map<String, MetricType> typesOf(Map<String, StoredFamily> families) {
        Map<String, MetricType> types = new HashMap<>(families.size() * 2);
        families.forEach((name, stored) -> types.put(name, stored.family().type()));
        return types;
    }

    /**
     * Grouping-key labels override the body's; the gateway's own families are dropped from the body. Label
     * strings equal to those of the recent family of the same name (null: none) are taken from it.
     */
    private static List<MetricFamily> withGroupingKey(PushRequest request, RecentFamilies recent) {
        List<MetricFamily> result = new ArrayList<>(request.families().size());
        LabelOverlay key = new LabelOverlay(request.key().labels());
        for (MetricFamily family : request.families()) {
            if (GATEWAY_FAMILIES.contains(family.name())) {
                continue;
            }
            List<Metric> metrics = new ArrayList<>(family.metrics().size());
            MetricFamily template = recent == null ? null : recent.get(family.name());
            List<Metric> templateMetrics = template == null ? List.of() : template.metrics();
            for (Metric metric : family.metrics()) {
                int i = metrics.size();
                Labels labels = key.over(metric.labels(), i < templateMetrics.size() ? templateMetrics.get(i).labels() : null);
                metrics.add(labels == metric.labels() ? metric : metric.withLabels(labels));
            }
            result.add(family.withMetrics(metrics));
        }
        return result;
    }
}
