package stackdriver.pushgateway.export;

import com.google.api.MonitoredResource;
import com.google.monitoring.v3.TypedValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.SeriesResets;
import stackdriver.pushgateway.store.StoredFamily;

/**
 * Turns a stored group into the Cloud Monitoring series it is written as (see DESIGN.md, "Cloud Monitoring"):
 * one or more series per Prometheus series depending on its type, plus the group's {@code push_time_seconds}
 * and {@code push_failure_time_seconds} gauges, which "has not run for a day" alerts are written on. Series
 * Cloud Monitoring would refuse (too many labels or buckets) are rejected here, with the reason.
 */
public final class TimeSeriesMapper {
    static final String PUSH_TIME = "push_time_seconds";
    static final String PUSH_FAILURE_TIME = "push_failure_time_seconds";

    private static final MetricFamily PUSH_TIME_FAMILY = new MetricFamily(PUSH_TIME, "Last Unix time when changing"
            + " this group in the Pushgateway succeeded.", stackdriver.pushgateway.model.MetricType.GAUGE, "seconds",
            List.of());
    private static final MetricFamily PUSH_FAILURE_TIME_FAMILY = new MetricFamily(PUSH_FAILURE_TIME, "Last Unix time"
            + " when changing this group in the Pushgateway failed.", stackdriver.pushgateway.model.MetricType.GAUGE,
            "seconds", List.of());

    private final MetricNaming naming;
    private final ResourceMapping resources;

    public TimeSeriesMapper(MetricNaming naming, ResourceMapping resources) {
        this.naming = naming;
        this.resources = resources;
    }

    /** Adds the series of the group to {@code out}, and those that cannot be written to {@code rejected}. */
    public void map(Group group, List<ExportedSeries> out, List<SeriesRejection> rejected) {
        for (StoredFamily stored : group.families().values()) {
            mapFamily(group, stored, out, rejected);
        }
        mapPushTimes(group, out, rejected);
    }

    /** The series of one stored family of the group. */
    public void mapFamily(Group group, StoredFamily stored, List<ExportedSeries> out, List<SeriesRejection> rejected) {
        Target target = new Target(group, out, rejected);
        MetricFamily family = stored.family();
        double since = seconds(stored.since());
        List<Metric> metrics = family.metrics();
        SeriesResets resets = stored.resets();
        for (int i = 0; i < metrics.size(); i++) {
            Metric metric = metrics.get(i);
            mapSeries(target, family, stored.pushedAt(), startSeconds(metric, resets.of(i), since), metric);
        }
    }

    /** The group's {@code push_time_seconds} and {@code push_failure_time_seconds}. */
    public void mapPushTimes(Group group, List<ExportedSeries> out, List<SeriesRejection> rejected) {
        Target target = new Target(group, out, rejected);
        Labels groupLabels = group.key().labels();
        Instant created = group.lastPush() != null ? group.lastPush() : Instant.EPOCH;
        target.add(PUSH_TIME_FAMILY, created, groupLabels, SeriesRole.GAUGE, doubleValue(group.pushTimeSeconds()),
                Double.NaN, Double.NaN);
        target.add(PUSH_FAILURE_TIME_FAMILY, created, groupLabels, SeriesRole.GAUGE,
                doubleValue(group.pushFailureTimeSeconds()), Double.NaN, Double.NaN);
    }

    /**
     * A series starts at its last reset the store saw, else at its own start ({@code _created}), else when its
     * family was first stored: times taken from the pushes, so that every writer replica, and a new leader among
     * them, gives the same start ({@link SeriesHistory} moves a new start past the previous point's end).
     */
    private static double startSeconds(Metric metric, Instant reset, double since) {
        if (reset != null) {
            return seconds(reset);
        }
        return Double.isNaN(metric.createdSeconds()) ? since : metric.createdSeconds();
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private void mapSeries(Target target, MetricFamily family, Instant pushedAt, double created, Metric metric) {
        Labels labels = metric.labels();
        String unsupported = target.unsupportedName(family);
        if (unsupported != null) {
            target.reject(family, labels, "unsupported_metric_name", unsupported);
            return;
        }
        switch (family.type()) {
            case COUNTER -> target.add(family, pushedAt, labels, SeriesRole.COUNTER, doubleValue(metric.value()),
                    metric.value(), created);
            case GAUGE -> target.add(family, pushedAt, labels, SeriesRole.GAUGE, doubleValue(metric.value()),
                    Double.NaN, created);
            case UNTYPED -> {
                target.add(family, pushedAt, labels, SeriesRole.UNKNOWN, doubleValue(metric.value()), Double.NaN, created);
                target.add(family, pushedAt, labels, SeriesRole.UNKNOWN_COUNTER, doubleValue(metric.value()),
                        metric.value(), created);
            }
            case HISTOGRAM, GAUGE_HISTOGRAM -> {
                SeriesRole role = family.type() == stackdriver.pushgateway.model.MetricType.HISTOGRAM
                        ? SeriesRole.HISTOGRAM : SeriesRole.GAUGE_HISTOGRAM;
                String unsupportedNative = metric.nativeHistogram() == null ? null
                        : NativeDistribution.unsupported(metric.nativeHistogram());
                if (unsupportedNative != null) {
                    target.reject(family, labels, "unsupported_native_histogram", unsupportedNative);
                    return;
                }
                int buckets = DistributionValue.bucketCount(metric);
                if (buckets > DistributionValue.MAX_BUCKETS) {
                    target.reject(family, labels, "too_many_buckets", "the histogram has " + buckets
                            + " buckets; Cloud Monitoring accepts at most " + DistributionValue.MAX_BUCKETS);
                    return;
                }
                TypedValue value = TypedValue.newBuilder().setDistributionValue(DistributionValue.of(metric)).build();
                target.add(family, pushedAt, labels, role, value, DistributionValue.count(metric), created);
            }
            case SUMMARY -> {
                for (int i = 0; i < metric.quantiles().length; i++) {
                    Labels withQuantile = labels.with(Labels.of("quantile", quantileText(metric.quantiles()[i])));
                    target.add(family, pushedAt, withQuantile, SeriesRole.SUMMARY_QUANTILE,
                            doubleValue(metric.quantileValues()[i]), Double.NaN, created);
                }
                if (!Double.isNaN(metric.sum())) {
                    target.add(family, pushedAt, labels, SeriesRole.SUMMARY_SUM, doubleValue(metric.sum()),
                            metric.sum(), created);
                }
                if (!Double.isNaN(metric.count())) {
                    target.add(family, pushedAt, labels, SeriesRole.SUMMARY_COUNT, doubleValue(metric.count()),
                            metric.count(), created);
                }
            }
        }
    }

    /** The series being built for one group. */
    private final class Target {
        private final Group group;
        private final List<ExportedSeries> out;
        private final List<SeriesRejection> rejected;
        /** The metric types of {@code typesOf}, by role: one string per family rather than per series. */
        private final Map<SeriesRole, String> types = new EnumMap<>(SeriesRole.class);
        private MetricFamily typesOf;
        private MetricFamily checkedName;
        private String unsupportedName;
        private SeriesId.Resource lastResource;

        Target(Group group, List<ExportedSeries> out, List<SeriesRejection> rejected) {
            this.group = group;
            this.out = out;
            this.rejected = rejected;
        }

        void add(MetricFamily family, Instant pushedAt, Labels labels, SeriesRole role, TypedValue value,
                double runningTotal, double created) {
            if (family != typesOf) {
                types.clear();
                typesOf = family;
            }
            String type = types.computeIfAbsent(role, r -> naming.metricType(family.name(), r));
            if (type == null) {
                return;
            }
            Labels metricLabels = resources.metricLabels(labels);
            if (metricLabels.size() > naming.labelLimit()) {
                reject(family, labels, "too_many_labels", "the series has " + metricLabels.size()
                        + " metric labels; Cloud Monitoring accepts at most " + naming.labelLimit() + " on " + type);
                return;
            }
            MonitoredResource resource = resources.resource(labels);
            if (lastResource == null || resource != lastResource.resource()) {
                lastResource = SeriesId.Resource.of(resource);
            }
            com.google.api.Metric metric = com.google.api.Metric.newBuilder().setType(type)
                    .putAllLabels(sanitized(metricLabels)).build();
            out.add(new ExportedSeries(new SeriesId(metric, lastResource), role.kind(), value, runningTotal, created,
                    pushedAt, group.key(), family.name(), family.help(), family.unit()));
        }

        /** Why this family's name cannot be written, or null: checked once per family. */
        String unsupportedName(MetricFamily family) {
            if (family != checkedName) {
                checkedName = family;
                unsupportedName = naming.unsupportedName(family.name());
            }
            return unsupportedName;
        }

        void reject(MetricFamily family, Labels labels, String cause, String reason) {
            rejected.add(new SeriesRejection(group.key(), family.name(), family.name() + labels, cause, reason));
        }
    }

    /** Keys that become the same after sanitising keep all their values, joined with ';' as OpenTelemetry does. */
    private static TreeMap<String, String> sanitized(Labels labels) {
        TreeMap<String, String> result = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String value = labels.value(i);
            result.merge(LabelSanitizer.key(labels.name(i)), value, (a, b) -> a + ";" + b);
        }
        result.replaceAll((key, value) -> LabelSanitizer.value(value));
        return result;
    }

    private static TypedValue doubleValue(double value) {
        return TypedValue.newBuilder().setDoubleValue(value).build();
    }

    /** 0.5 → "0.5", 1 → "1": as Prometheus clients write the quantile label. */
    static String quantileText(double quantile) {
        if (!Double.isFinite(quantile)) {
            return quantile > 0 ? "+Inf" : quantile < 0 ? "-Inf" : "NaN";
        }
        return BigDecimal.valueOf(quantile).stripTrailingZeros().toPlainString();
    }

}
