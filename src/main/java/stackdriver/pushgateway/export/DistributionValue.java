package stackdriver.pushgateway.export;

import com.google.api.Distribution;
import stackdriver.pushgateway.model.Metric;

/**
 * A Prometheus histogram as a Cloud Monitoring distribution: explicit bounds from the finite {@code le}, counts
 * de-cumulated (one more bucket than bounds, the last up to +Inf), the count from {@code +Inf}, the mean from
 * the sum. The sum of squared deviation is unknown and written as 0. A native histogram: {@link NativeDistribution}.
 */
final class DistributionValue {
    /** Cloud Monitoring's limit on the buckets of one distribution. */
    static final int MAX_BUCKETS = 200;

    private DistributionValue() {
    }

    /** Buckets the distribution of this histogram would have (a native one is fitted to the limit). */
    static int bucketCount(Metric histogram) {
        return histogram.nativeHistogram() != null ? 0 : finiteBounds(histogram.bucketBounds()) + 1;
    }

    /** The count a reset is detected on. */
    static double count(Metric histogram) {
        double[] bounds = histogram.bucketBounds();
        double[] cumulative = histogram.bucketCounts();
        if (bounds.length > 0 && bounds[bounds.length - 1] == Double.POSITIVE_INFINITY) {
            return cumulative[cumulative.length - 1];
        }
        if (!Double.isNaN(histogram.count())) {
            return histogram.count();
        }
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    /** A histogram with a native part is written in its native form, also when it has classic buckets too. */
    static Distribution of(Metric histogram) {
        if (histogram.nativeHistogram() != null) {
            return NativeDistribution.of(histogram);
        }
        double[] bounds = histogram.bucketBounds();
        double[] cumulative = histogram.bucketCounts();
        int finite = finiteBounds(bounds);
        Distribution.BucketOptions.Explicit.Builder explicit = Distribution.BucketOptions.Explicit.newBuilder();
        for (int i = 0; i < finite; i++) {
            explicit.addBounds(bounds[i]);
        }
        Distribution.Builder distribution = Distribution.newBuilder()
                .setBucketOptions(Distribution.BucketOptions.newBuilder().setExplicitBuckets(explicit));
        long total = 0;
        double previous = 0;
        for (int i = 0; i < finite; i++) {
            long inBucket = nonNegative(cumulative[i] - previous);
            distribution.addBucketCounts(inBucket);
            total += inBucket;
            previous = Math.max(previous, cumulative[i]);
        }
        long overflow = nonNegative(count(histogram) - previous);
        distribution.addBucketCounts(overflow);
        total += overflow;
        double sum = histogram.sum();
        distribution.setCount(total)
                .setMean(total > 0 && Double.isFinite(sum) ? sum / total : 0)
                .setSumOfSquaredDeviation(0);
        return distribution.build();
    }

    private static int finiteBounds(double[] bounds) {
        int finite = 0;
        while (finite < bounds.length && bounds[finite] != Double.POSITIVE_INFINITY) {
            finite++;
        }
        return finite;
    }

    static long nonNegative(double count) {
        return Double.isFinite(count) && count > 0 ? Math.round(count) : 0;
    }
}
