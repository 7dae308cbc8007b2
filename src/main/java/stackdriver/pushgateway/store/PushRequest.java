package stackdriver.pushgateway.store;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * One change to one group, applied all or nothing: a PUT (replace the group), a POST (replace only the
 * families named in it) or a DELETE (remove the group).
 *
 * @param time when the push was accepted, for a push that was carried (Pub/Sub): its push time and its counters'
 *             start come from it, and it changes nothing in a group that already reflects a later push; null for a
 *             push applied as it arrives, at the store's clock
 */
public record PushRequest(Method method, GroupingKey key, List<MetricFamily> families, Instant time) {

    public enum Method { PUT, POST, DELETE }

    public PushRequest(Method method, GroupingKey key, List<MetricFamily> families) {
        this(method, key, families, null);
    }

    public static PushRequest delete(GroupingKey key) {
        return new PushRequest(Method.DELETE, key, List.of());
    }

    /** This push as accepted at {@code acceptedAt}. */
    public PushRequest at(Instant acceptedAt) {
        return new PushRequest(method, key, families, acceptedAt);
    }

    public int seriesCount() {
        int n = 0;
        for (MetricFamily family : families) {
            n += family.metrics().size();
        }
        return n;
    }

    /** This push without the families whose name matches; a step users can call from a route. */
    public PushRequest withoutFamiliesMatching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return new PushRequest(method, key,
                families.stream().filter(f -> !pattern.matcher(f.name()).matches()).toList(), time);
    }
}
