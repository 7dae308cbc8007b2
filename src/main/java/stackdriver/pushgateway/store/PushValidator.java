package stackdriver.pushgateway.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;

/** The checks a push must pass on its own, before it meets the rest of the store. */
final class PushValidator {

    private PushValidator() {
    }

    /** Families must already carry the grouping key's labels. */
    static void validate(List<MetricFamily> families, boolean checkConsistency) throws InconsistentPushException {
        for (MetricFamily family : families) {
            for (Metric metric : family.metrics()) {
                if (metric.hasTimestamp()) {
                    throw new InconsistentPushException("pushed metrics must not have timestamps");
                }
            }
        }
        if (!checkConsistency) {
            return;
        }
        for (MetricFamily family : families) {
            Set<Labels> seen = new HashSet<>(family.metrics().size() * 2);
            for (Metric metric : family.metrics()) {
                Labels labels = metric.labels();
                for (int i = 0; i < labels.size(); i++) {
                    if (labels.name(i).startsWith("__")) {
                        throw new InconsistentPushException("collected metric " + MetricDescription.of(family, metric)
                                + " has a label with an invalid name: " + labels.name(i));
                    }
                }
                if (!seen.add(labels)) {
                    throw new InconsistentPushException("collected metric " + MetricDescription.of(family, metric)
                            + " was collected before with the same name and label values");
                }
            }
        }
    }
}
