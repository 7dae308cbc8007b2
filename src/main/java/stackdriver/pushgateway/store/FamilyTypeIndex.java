package stackdriver.pushgateway.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import stackdriver.pushgateway.model.MetricType;

/**
 * The type of every family name across all groups, with how many groups hold it. This is the incremental
 * form of the Pushgateway's "is not a COUNTER" check: a push only consults the names it brings, so its
 * cost does not grow with the store. Only pushes that add, remove or retype a family in their group come
 * here; re-pushing the same families (the common case) never takes the lock.
 */
final class FamilyTypeIndex {

    private record Entry(MetricType type, int groups) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * Moves one group's families from {@code before} to {@code after} (name to type), or changes nothing
     * and returns the first name whose type other groups hold differently, with that type.
     */
    Conflict update(Map<String, MetricType> before, Map<String, MetricType> after) {
        lock.lock();
        try {
            for (Map.Entry<String, MetricType> wanted : after.entrySet()) {
                Entry existing = entries.get(wanted.getKey());
                if (existing == null || existing.type() == wanted.getValue()) {
                    continue;
                }
                int othersHolding = existing.groups() - (before.containsKey(wanted.getKey()) ? 1 : 0);
                if (othersHolding > 0) {
                    return new Conflict(wanted.getKey(), existing.type());
                }
            }
            before.keySet().forEach(this::release);
            after.forEach(this::hold);
            return null;
        } finally {
            lock.unlock();
        }
    }

    void release(Map<String, MetricType> families) {
        lock.lock();
        try {
            families.keySet().forEach(this::release);
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            entries.clear();
        } finally {
            lock.unlock();
        }
    }

    List<String> names() {
        lock.lock();
        try {
            return new ArrayList<>(entries.keySet());
        } finally {
            lock.unlock();
        }
    }

    private void release(String name) {
        entries.computeIfPresent(name, (n, e) -> e.groups() == 1 ? null : new Entry(e.type(), e.groups() - 1));
    }

    private void hold(String name, MetricType type) {
        entries.merge(name, new Entry(type, 1), (old, one) -> new Entry(type, old.groups() + 1));
    }

    /** A family name that other groups hold with another type. */
    record Conflict(String name, MetricType heldType) {
    }
}
