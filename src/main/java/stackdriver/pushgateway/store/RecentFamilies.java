package stackdriver.pushgateway.store;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * The family of each name stored most recently, in any group. A push's series take their label strings
 * from the series at the same place in it when equal: the many instances of a job push the same series,
 * and each group would otherwise keep its own copy of every label value. Held weakly, so that a deleted
 * group's families do not stay in memory for this; names whose family is gone are dropped.
 */
final class RecentFamilies {
    private final ConcurrentHashMap<String, Recent> byName = new ConcurrentHashMap<>();
    private final ReferenceQueue<MetricFamily> gone = new ReferenceQueue<>();

    private static final class Recent extends WeakReference<MetricFamily> {
        final String name;

        Recent(MetricFamily family, ReferenceQueue<MetricFamily> queue) {
            super(family, queue);
            this.name = family.name();
        }
    }

    /** The family of this name stored last, or null. */
    MetricFamily get(String name) {
        Recent recent = byName.get(name);
        return recent == null ? null : recent.get();
    }

    void remember(MetricFamily family) {
        for (Reference<? extends MetricFamily> ref; (ref = gone.poll()) != null; ) {
            byName.remove(((Recent) ref).name, ref);
        }
        byName.put(family.name(), new Recent(family, gone));
    }
}
