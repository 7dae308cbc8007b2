package stackdriver.pushgateway.store;

import java.util.List;
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
            SeriesSet seen = new SeriesSet(family.metrics().size());
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

    /** Label sets seen, in one array (open addressing): a push of 100,000 series would otherwise allocate a node per series. */
    private static final class SeriesSet {
        private final Labels[] slots;

        SeriesSet(int expected) {
            slots = new Labels[Integer.highestOneBit(Math.max(2, expected) * 2 - 1) * 2];
        }

        /** False when an equal label set was added before. */
        boolean add(Labels labels) {
            int mask = slots.length - 1;
            for (int i = labels.hashCode() * 0x9E3779B9 >>> 7 & mask; ; i = (i + 1) & mask) {
                if (slots[i] == null) {
                    slots[i] = labels;
                    return true;
                }
                if (slots[i].equals(labels)) {
                    return false;
                }
            }
        }
    }
}
