package stackdriver.pushgateway.store;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * The family of each name stored most recently, in any group. A push's series take their label strings
 * from the series at the same place in it when equal: the many instances of a job push the same series,
 * and each group would otherwise keep its own copy of every label value. Held weakly, so that a deleted
 * group's families do not stay in memory for this.
 */
final class RecentFamilies {
    private final ConcurrentHashMap<String, WeakReference<MetricFamily>> byName = new ConcurrentHashMap<>();

    /** The family of this name stored last, or null. */
    MetricFamily get(String name) {
        WeakReference<MetricFamily> ref = byName.get(name);
        return ref == null ? null : ref.get();
    }

    void remember(MetricFamily family) {
        byName.put(family.name(), new WeakReference<>(family));
    }
}
