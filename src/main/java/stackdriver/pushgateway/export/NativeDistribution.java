package stackdriver.pushgateway.export;

import com.google.api.Distribution;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.NativeHistogram;

/**
 * A native histogram as a Cloud Monitoring distribution with exponential buckets, the way Google's OpenTelemetry
 * exporter writes an exponential histogram: growth factor 2^(2^-schema), the scale the lower bound of the first
 * positive bucket, one finite bucket per bucket index from the first positive bucket to the last (gaps between
 * spans as zeros), the zero bucket and every negative bucket in the underflow bucket, the overflow bucket empty.
 * Without positive buckets, the API taking no exponential distribution without finite buckets, it is an explicit
 * distribution with the one bound 0, as that exporter writes it.
 *
 * <p>A histogram whose span of buckets would pass Cloud Monitoring's 200 is written at a coarser schema (each step
 * merges pairs of neighbouring buckets, as Prometheus does to limit buckets) rather than refused.
 */
final class NativeDistribution {
    static final int MIN_SCHEMA = -4;
    static final int MAX_SCHEMA = 8;

    private NativeDistribution() {
    }

    /** Why this native histogram cannot be written, or null when it can. */
    static String unsupported(NativeHistogram histogram) {
        int schema = histogram.schema();
        if (schema < MIN_SCHEMA || schema > MAX_SCHEMA) {
            return "the native histogram has schema " + schema + "; exponential buckets are written for schemas "
                    + MIN_SCHEMA + " to " + MAX_SCHEMA;
        }
        return null;
    }

    static Distribution of(Metric metric) {
        NativeHistogram histogram = metric.nativeHistogram();
        double underflow = histogram.zeroBucketCount();
        for (double count : histogram.negative().absoluteCounts()) {
            underflow += count;
        }
        int[] indexes = histogram.positive().indexes();
        double[] counts = histogram.positive().absoluteCounts();
        int n = Math.min(indexes.length, counts.length);
        Distribution.Builder distribution = Distribution.newBuilder();
        long total = 0;
        if (n == 0) {
            distribution.setBucketOptions(Distribution.BucketOptions.newBuilder()
                    .setExplicitBuckets(Distribution.BucketOptions.Explicit.newBuilder().addBounds(0)));
            long below = DistributionValue.nonNegative(underflow);
            distribution.addBucketCounts(below).addBucketCounts(0);
            total = below;
        } else {
            int schema = histogram.schema();
            int first = Integer.MAX_VALUE;
            int last = Integer.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                first = Math.min(first, indexes[i]);
                last = Math.max(last, indexes[i]);
            }
            int shift = 0;
            while ((long) coarser(last, shift) - coarser(first, shift) + 1 + 2 > DistributionValue.MAX_BUCKETS
                    && schema - shift > MIN_SCHEMA) {
                shift++;
            }
            int lowest = coarser(first, shift);
            int highest = coarser(last, shift);
            int coarseSchema = schema - shift;
            double[] finite = new double[highest - lowest + 1];
            for (int i = 0; i < n; i++) {
                finite[coarser(indexes[i], shift) - lowest] += counts[i];
            }
            distribution.setBucketOptions(Distribution.BucketOptions.newBuilder()
                    .setExponentialBuckets(Distribution.BucketOptions.Exponential.newBuilder()
                            .setNumFiniteBuckets(finite.length)
                            .setGrowthFactor(Math.pow(2, Math.pow(2, -coarseSchema)))
                            .setScale(NativeHistogram.upperBound(coarseSchema, lowest - 1))));
            long below = DistributionValue.nonNegative(underflow);
            distribution.addBucketCounts(below);
            total = below;
            for (double count : finite) {
                long inBucket = DistributionValue.nonNegative(count);
                distribution.addBucketCounts(inBucket);
                total += inBucket;
            }
            distribution.addBucketCounts(0);
        }
        double sum = metric.sum();
        return distribution.setCount(total)
                .setMean(total > 0 && Double.isFinite(sum) ? sum / total : 0)
                .setSumOfSquaredDeviation(0)
                .build();
    }

    /**
     * The index at {@code shift} schemas coarser: bucket i covers (2^((i-1)/2^s), 2^(i/2^s)], so at s-1 it falls in
     * bucket ceil(i/2); ceil(i/2^k) is ((i - 1) >> k) + 1.
     */
    static int coarser(int index, int shift) {
        return shift == 0 ? index : ((index - 1) >> shift) + 1;
    }
}
