package stackdriver.pushgateway.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One series of a family (one label set): a plain value for counters, gauges and untyped metrics, or
 * count, sum and buckets/quantiles for histograms and summaries.
 *
 * <p>Not a record: the store holds millions of plain values, so a series without count, sum, buckets,
 * quantiles, timestamp or created time keeps only its labels and value (32 bytes instead of 72); the
 * rest lives in a {@link Details} object that only histograms, summaries and the rare timestamped or
 * created series carry. The accessors answer the same either way. A histogram's native part is one more field
 * of the details, null unless the histogram was pushed native.
 */
public final class Metric {

    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private static final double[] NONE = new double[0];

    private final Labels labels;
    private final double value;
    /** null for a plain value. */
    private final Details details;

    private record Details(double count, double sum, double[] bucketBounds, double[] bucketCounts,
                           double[] quantiles, double[] quantileValues, long timestampMillis, double createdSeconds,
                           NativeHistogram nativeHistogram) {
    }

    /**
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
    public Metric(Labels labels, double value, double count, double sum, double[] bucketBounds, double[] bucketCounts,
                  double[] quantiles, double[] quantileValues, long timestampMillis, double createdSeconds) {
        this(labels, value, details(count, sum, bucketBounds, bucketCounts, quantiles, quantileValues, timestampMillis,
                createdSeconds, null));
    }

    private static Details details(double count, double sum, double[] bucketBounds, double[] bucketCounts,
                                   double[] quantiles, double[] quantileValues, long timestampMillis,
                                   double createdSeconds, NativeHistogram nativeHistogram) {
        boolean plain = Double.isNaN(count) && Double.isNaN(sum) && bucketBounds.length == 0 && bucketCounts.length == 0
                && quantiles.length == 0 && quantileValues.length == 0 && timestampMillis == NO_TIMESTAMP
                && Double.isNaN(createdSeconds) && nativeHistogram == null;
        return plain ? null : new Details(count, sum, bucketBounds, bucketCounts, quantiles, quantileValues,
                timestampMillis, createdSeconds, nativeHistogram);
    }

    private Metric(Labels labels, double value, Details details) {
        this.labels = labels;
        this.value = value;
        this.details = details;
    }

    public static Metric ofValue(Labels labels, double value) {
        return new Metric(labels, value, null);
    }

    public static Metric ofHistogram(Labels labels, double count, double sum, double[] bounds, double[] cumulativeCounts) {
        return new Metric(labels, Double.NaN, count, sum, bounds, cumulativeCounts, NONE, NONE, NO_TIMESTAMP, Double.NaN);
    }

    public static Metric ofSummary(Labels labels, double count, double sum, double[] quantiles, double[] values) {
        return new Metric(labels, Double.NaN, count, sum, NONE, NONE, quantiles, values, NO_TIMESTAMP, Double.NaN);
    }

    public Labels labels() {
        return labels;
    }

    public double value() {
        return value;
    }

    public double count() {
        return details == null ? Double.NaN : details.count();
    }

    public double sum() {
        return details == null ? Double.NaN : details.sum();
    }

    public double[] bucketBounds() {
        return details == null ? NONE : details.bucketBounds();
    }

    public double[] bucketCounts() {
        return details == null ? NONE : details.bucketCounts();
    }

    public double[] quantiles() {
        return details == null ? NONE : details.quantiles();
    }

    public double[] quantileValues() {
        return details == null ? NONE : details.quantileValues();
    }

    public long timestampMillis() {
        return details == null ? NO_TIMESTAMP : details.timestampMillis();
    }

    public double createdSeconds() {
        return details == null ? Double.NaN : details.createdSeconds();
    }

    /** The histogram's native part, or null when it has none. */
    public NativeHistogram nativeHistogram() {
        return details == null ? null : details.nativeHistogram();
    }

    public boolean hasTimestamp() {
        return timestampMillis() != NO_TIMESTAMP;
    }

    public Metric withLabels(Labels newLabels) {
        return new Metric(newLabels, value, details);
    }

    public Metric withTimestamp(long millis) {
        return new Metric(labels, value, details(count(), sum(), bucketBounds(), bucketCounts(), quantiles(),
                quantileValues(), millis, createdSeconds(), nativeHistogram()));
    }

    public Metric withCreated(double seconds) {
        return new Metric(labels, value, details(count(), sum(), bucketBounds(), bucketCounts(), quantiles(),
                quantileValues(), timestampMillis(), seconds, nativeHistogram()));
    }

    /** This histogram with a native part (null for none). */
    public Metric withNativeHistogram(NativeHistogram nativeHistogram) {
        return new Metric(labels, value, details(count(), sum(), bucketBounds(), bucketCounts(), quantiles(),
                quantileValues(), timestampMillis(), createdSeconds(), nativeHistogram));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metric other && labels.equals(other.labels)
                && Double.compare(value, other.value) == 0
                && Double.compare(count(), other.count()) == 0
                && Double.compare(sum(), other.sum()) == 0
                && Arrays.equals(bucketBounds(), other.bucketBounds())
                && Arrays.equals(bucketCounts(), other.bucketCounts())
                && Arrays.equals(quantiles(), other.quantiles())
                && Arrays.equals(quantileValues(), other.quantileValues())
                && timestampMillis() == other.timestampMillis()
                && Double.compare(createdSeconds(), other.createdSeconds()) == 0
                && Objects.equals(nativeHistogram(), other.nativeHistogram());
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, value, count(), sum(), Arrays.hashCode(bucketBounds()), Arrays.hashCode(bucketCounts()),
                Arrays.hashCode(quantiles()), Arrays.hashCode(quantileValues()), timestampMillis(), createdSeconds(), nativeHistogram());
    }

    @Override
    public String toString() {
        return "Metric[labels=" + labels + ", value=" + value + ", count=" + count() + ", sum=" + sum()
                + ", bucketBounds=" + Arrays.toString(bucketBounds()) + ", bucketCounts=" + Arrays.toString(bucketCounts())
                + ", quantiles=" + Arrays.toString(quantiles()) + ", quantileValues=" + Arrays.toString(quantileValues())
                + ", timestampMillis=" + timestampMillis() + ", createdSeconds=" + createdSeconds()
                + (nativeHistogram() == null ? "" : ", native=" + nativeHistogram()) + "]";
    }
}
