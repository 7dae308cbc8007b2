package stackdriver.pushgateway.model;

/**
 * One series of a family (one label set): a plain value for counters, gauges and untyped metrics, or
 * count, sum and buckets/quantiles for histograms and summaries.
 *
 * @param labels          the series' labels, without {@code le} or {@code quantile}
 * @param value           the value of a counter, gauge or untyped metric; NaN for histograms and summaries
 * @param count           histogram/summary sample count; NaN when absent
 * @param sum             histogram/summary sample sum; NaN when absent
 * @param bucketBounds    histogram upper bounds ({@code le}) in increasing order, {@code +Inf} included when pushed
 * @param bucketCounts    cumulative counts for each bound
 * @param quantiles       summary quantiles ({@code quantile} label values) in increasing order
 * @param quantileValues  the value of each quantile
 * @param timestampMillis the sample's own timestamp, or {@link #NO_TIMESTAMP}
 * @param createdSeconds  the series' start (OpenMetrics {@code _created}), or NaN when unknown
 */
public record Metric(
        Labels labels,
        double value,
        double count,
        double sum,
        double[] bucketBounds,
        double[] bucketCounts,
        double[] quantiles,
        double[] quantileValues,
        long timestampMillis,
        double createdSeconds) {

    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private static final double[] NONE = new double[0];

    public static Metric ofValue(Labels labels, double value) {
        return new Metric(labels, value, Double.NaN, Double.NaN, NONE, NONE, NONE, NONE, NO_TIMESTAMP, Double.NaN);
    }

    public static Metric ofHistogram(Labels labels, double count, double sum, double[] bounds, double[] cumulativeCounts) {
        return new Metric(labels, Double.NaN, count, sum, bounds, cumulativeCounts, NONE, NONE, NO_TIMESTAMP, Double.NaN);
    }

    public static Metric ofSummary(Labels labels, double count, double sum, double[] quantiles, double[] values) {
        return new Metric(labels, Double.NaN, count, sum, NONE, NONE, quantiles, values, NO_TIMESTAMP, Double.NaN);
    }

    public boolean hasTimestamp() {
        return timestampMillis != NO_TIMESTAMP;
    }

    public Metric withLabels(Labels newLabels) {
        return new Metric(newLabels, value, count, sum, bucketBounds, bucketCounts, quantiles, quantileValues,
                timestampMillis, createdSeconds);
    }

    public Metric withTimestamp(long millis) {
        return new Metric(labels, value, count, sum, bucketBounds, bucketCounts, quantiles, quantileValues,
                millis, createdSeconds);
    }

    public Metric withCreated(double seconds) {
        return new Metric(labels, value, count, sum, bucketBounds, bucketCounts, quantiles, quantileValues,
                timestampMillis, seconds);
    }
}
