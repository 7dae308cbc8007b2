package stackdriver.pushgateway.store;

import java.util.List;
import java.util.regex.Pattern;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * One change to one group, applied all or nothing: a PUT (replace the group), a POST (replace only the
 * families named in it) or a DELETE (remove the group).
 */
public record PushRequest(Method method, GroupingKey key, List<MetricFamily> families) {

    public enum Method { PUT, POST, DELETE }

    public static PushRequest delete(GroupingKey key) {
        return new PushRequest(Method.DELETE, key, List.of());
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
                families.stream().filter(f -> !pattern.matcher(f.name()).matches()).toList());
    }
}
