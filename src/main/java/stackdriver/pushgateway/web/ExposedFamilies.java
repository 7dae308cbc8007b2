package stackdriver.pushgateway.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.StoredFamily;

/**
 * What {@code GET /metrics} shows of the store, as the Pushgateway shows it: families of every group merged by
 * name and sorted, {@code instance=""} on series without an instance, and each group's
 * {@code push_time_seconds} and {@code push_failure_time_seconds}. A name pushed with different types (possible
 * only with the consistency check off) is shown once, with the series of the first type, so the page never fails.
 */
public final class ExposedFamilies {

    static final String PUSH_TIME_HELP = "Last Unix time when changing this group in the Pushgateway succeeded.";
    static final String PUSH_FAILURE_TIME_HELP = "Last Unix time when changing this group in the Pushgateway failed.";

    private ExposedFamilies() {
    }

    public static List<MetricFamily> of(Iterable<Group> groups) {
        Map<String, MetricFamily> byName = new TreeMap<>();
        List<Metric> pushTimes = new ArrayList<>();
        List<Metric> failureTimes = new ArrayList<>();
        List<Group> sorted = new ArrayList<>();
        groups.forEach(sorted::add);
        sorted.sort(Comparator.comparing(Group::key)); // the first group's HELP wins, as in the reference
        for (Group group : sorted) {
            Labels groupLabels = group.key().labels().withEmptyIfAbsent("instance");
            pushTimes.add(Metric.ofValue(groupLabels, group.pushTimeSeconds()));
            failureTimes.add(Metric.ofValue(groupLabels, group.pushFailureTimeSeconds()));
            for (StoredFamily stored : group.families().values()) {
                MetricFamily family = stored.family();
                MetricFamily merged = byName.get(family.name());
                if (merged == null) {
                    byName.put(family.name(), family.withMetrics(new ArrayList<>(withInstance(family.metrics()))));
                } else if (merged.type() == family.type()) {
                    merged.metrics().addAll(withInstance(family.metrics()));
                }
            }
        }
        if (!pushTimes.isEmpty()) {
            byName.put("push_time_seconds", new MetricFamily("push_time_seconds", PUSH_TIME_HELP, MetricType.GAUGE, pushTimes));
            byName.put("push_failure_time_seconds",
                    new MetricFamily("push_failure_time_seconds", PUSH_FAILURE_TIME_HELP, MetricType.GAUGE, failureTimes));
        }
        List<MetricFamily> result = new ArrayList<>(byName.size());
        for (MetricFamily family : byName.values()) {
            family.metrics().sort(Comparator.comparing(Metric::labels, ExposedFamilies::compareByValues));
            result.add(family);
        }
        return result;
    }

    private static List<Metric> withInstance(List<Metric> metrics) {
        List<Metric> result = new ArrayList<>(metrics.size());
        for (Metric metric : metrics) {
            result.add(metric.withLabels(metric.labels().withEmptyIfAbsent("instance")));
        }
        return result;
    }

    /** Go's registry sorts series by label values in label-name order. */
    private static int compareByValues(Labels a, Labels b) {
        return a.compareTo(b);
    }

}
