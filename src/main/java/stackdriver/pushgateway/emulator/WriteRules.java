package stackdriver.pushgateway.emulator;

import com.google.api.Distribution;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks Cloud Monitoring makes on one TimeSeries by itself, before looking at what is stored:
 * shape of the request, labels, interval against the metric kind, the write window, distributions.
 * The limits are Google's published ones (monitoring/quotas and the v3 API reference).
 */
final class WriteRules {
    static final int MAX_LABEL_KEY_LENGTH = 100;
    static final int MAX_LABEL_VALUE_BYTES = 1024;
    static final int MAX_BUCKETS = 200;
    static final Duration MAX_AGE = Duration.ofHours(25).plusSeconds(10);
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private static final Pattern LABEL_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");

    private WriteRules() {
    }

    /** Rules that hold whatever the metric's kind: one point, a value, label syntax and sizes, the write window. */
    static Optional<SeriesError> checkShape(int i, TimeSeries series, Instant now) {
        if (series.getPointsCount() != 1) {
            return Optional.of(SeriesError.field(i, "points", null,
                    "Only one point can be written per TimeSeries per request."));
        }
        Optional<SeriesError> labels = checkLabels(i, series.getMetric().getLabelsMap());
        if (labels.isPresent()) {
            return labels;
        }
        if (series.getMetricKind() == MetricKind.DELTA) {
            return Optional.of(SeriesError.field(i, "metric_kind", "DELTA",
                    "The DELTA metric kind is not supported for user-defined metrics: write CUMULATIVE or GAUGE."));
        }
        Point point = series.getPoints(0);
        if (point.getValue().getValueCase() == com.google.monitoring.v3.TypedValue.ValueCase.VALUE_NOT_SET) {
            return Optional.of(SeriesError.field(i, "points[0].value", null, "The point has no value."));
        }
        Optional<SeriesError> window = checkWindow(i, point.getInterval(), now);
        if (window.isPresent()) {
            return window;
        }
        if (point.getValue().hasDistributionValue()) {
            return checkDistribution(i, point.getValue().getDistributionValue());
        }
        return Optional.empty();
    }

    /** GAUGE: start unset or equal to end. CUMULATIVE: start before end. */
    static Optional<SeriesError> checkInterval(int i, TimeSeries series, MetricKind kind) {
        TimeInterval interval = series.getPoints(0).getInterval();
        String metric = series.getMetric().getType();
        if (kind == MetricKind.GAUGE) {
            if (interval.hasStartTime() && !interval.getStartTime().equals(interval.getEndTime())) {
                return Optional.of(SeriesError.field(i, "points[0].interval.start_time",
                        Timestamps.toString(interval.getStartTime()), "The start time must be equal to the end time ("
                        + Timestamps.toString(interval.getEndTime()) + ") for the gauge metric '" + metric + "'."));
            }
            return Optional.empty();
        }
        if (!interval.hasStartTime() || Timestamps.compare(interval.getStartTime(), interval.getEndTime()) >= 0) {
            String start = interval.hasStartTime() ? Timestamps.toString(interval.getStartTime()) : "";
            return Optional.of(SeriesError.field(i, "points[0].interval.start_time", start,
                    "The start time must be before the end time (" + Timestamps.toString(interval.getEndTime()) + ") for the non-gauge metric '" + metric + "'."));
        }
        return Optional.empty();
    }

    private static Optional<SeriesError> checkLabels(int i, Map<String, String> labels) {
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            if (!LABEL_KEY.matcher(key).matches()) {
                return Optional.of(SeriesError.field(i, "metric.labels", key,
                        "Label keys must start with a letter and contain only letters, digits and underscores."));
            }
            if (key.length() > MAX_LABEL_KEY_LENGTH) {
                return Optional.of(SeriesError.field(i, "metric.labels", key,
                        "Label keys can be at most " + MAX_LABEL_KEY_LENGTH + " characters long."));
            }
            if (label.getValue().getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_VALUE_BYTES) {
                return Optional.of(SeriesError.field(i, "metric.labels[" + key + "]", null,
                        "Label values can be at most " + MAX_LABEL_VALUE_BYTES + " bytes long."));
            }
        }
        return Optional.empty();
    }

    private static Optional<SeriesError> checkWindow(int i, TimeInterval interval, Instant now) {
        if (!interval.hasEndTime()) {
            return Optional.of(SeriesError.field(i, "points[0].interval.end_time", null, "The end time is required."));
        }
        Timestamp endTime = interval.getEndTime();
        Instant end = Instant.ofEpochSecond(endTime.getSeconds(), endTime.getNanos());
        if (end.isBefore(now.minus(MAX_AGE))) {
            return Optional.of(SeriesError.field(i, "points[0].interval.end_time", Timestamps.toString(endTime),
                    "Data points cannot be written more than 25h10s in the past."));
        }
        if (end.isAfter(now.plus(MAX_AHEAD))) {
            return Optional.of(SeriesError.field(i, "points[0].interval.end_time", Timestamps.toString(endTime),
                    "Data points cannot be written more than 5m in the future."));
        }
        return Optional.empty();
    }

    private static Optional<SeriesError> checkDistribution(int i, Distribution distribution) {
        String field = "points[0].value.distribution_value";
        Distribution.BucketOptions options = distribution.getBucketOptions();
        long buckets;
        switch (options.getOptionsCase()) {
            case EXPLICIT_BUCKETS -> {
                var bounds = options.getExplicitBuckets().getBoundsList();
                for (int b = 1; b < bounds.size(); b++) {
                    if (!(bounds.get(b) > bounds.get(b - 1))) {
                        return Optional.of(SeriesError.field(i, field + ".bucket_options.explicit_buckets.bounds", null,
                                "The bounds must be strictly increasing."));
                    }
                }
                buckets = bounds.size() + 1L;
            }
            case LINEAR_BUCKETS -> {
                var linear = options.getLinearBuckets();
                if (linear.getNumFiniteBuckets() <= 0 || !(linear.getWidth() > 0)) {
                    return Optional.of(SeriesError.field(i, field + ".bucket_options.linear_buckets", null,
                            "num_finite_buckets and width must be greater than 0."));
                }
                buckets = linear.getNumFiniteBuckets() + 2L;
            }
            case EXPONENTIAL_BUCKETS -> {
                var exponential = options.getExponentialBuckets();
                if (exponential.getNumFiniteBuckets() <= 0 || !(exponential.getGrowthFactor() > 1)
                        || !(exponential.getScale() > 0)) {
                    return Optional.of(SeriesError.field(i, field + ".bucket_options.exponential_buckets", null,
                            "num_finite_buckets and scale must be greater than 0, growth_factor greater than 1."));
                }
                buckets = exponential.getNumFiniteBuckets() + 2L;
            }
            default -> buckets = distribution.getBucketCountsCount() > 0 ? -1 : 0;
        }
        if (buckets < 0) {
            return Optional.of(SeriesError.field(i, field + ".bucket_options", null,
                    "Bucket options are required when bucket counts are given."));
        }
        if (buckets > MAX_BUCKETS) {
            // the real API's words (GoogleCloudPlatform/opentelemetry-operations-go#779), on the point's value
            return Optional.of(SeriesError.field(i, "points[0].value", null,
                    "Distribution metric has too many buckets."));
        }
        if (distribution.getBucketCountsCount() > buckets) {
            return Optional.of(SeriesError.field(i, field + ".bucket_counts", null,
                    "There are " + distribution.getBucketCountsCount() + " bucket counts for " + buckets + " buckets."));
        }
        if (distribution.getBucketCountsCount() > 0) {
            long sum = distribution.getBucketCountsList().stream().mapToLong(Long::longValue).sum();
            if (sum != distribution.getCount()) {
                return Optional.of(SeriesError.field(i, field + ".count", Long.toString(distribution.getCount()),
                        "The count must equal the sum of the bucket counts (" + sum + ")."));
            }
        }
        return Optional.empty();
    }
}
