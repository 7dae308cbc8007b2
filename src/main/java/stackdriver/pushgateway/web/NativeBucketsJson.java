package stackdriver.pushgateway.web;

import java.util.ArrayList;
import java.util.List;
import stackdriver.pushgateway.exposition.GoFloat;
import stackdriver.pushgateway.model.NativeHistogram;

/**
 * A native histogram's buckets as the Pushgateway 1.8 API lists them: {@code [boundaries, "lower", "upper",
 * "count"]} for each bucket with a count, negative buckets first (most negative first), then the zero bucket, then
 * the positive ones; {@code boundaries} says which ends are inside (0: upper only, 1: lower only, 3: both), as in
 * Prometheus' own query API.
 */
final class NativeBucketsJson {
    private static final int UPPER_INCLUSIVE = 0;
    private static final int LOWER_INCLUSIVE = 1;
    private static final int BOTH_INCLUSIVE = 3;

    private NativeBucketsJson() {
    }

    static List<List<Object>> of(NativeHistogram histogram) {
        int schema = histogram.schema();
        List<List<Object>> buckets = new ArrayList<>();
        NativeHistogram.Buckets negative = histogram.negative();
        int[] negativeIndexes = negative.indexes();
        double[] negativeCounts = negative.absoluteCounts();
        for (int i = Math.min(negativeIndexes.length, negativeCounts.length) - 1; i >= 0; i--) {
            int index = negativeIndexes[i];
            add(buckets, LOWER_INCLUSIVE, -NativeHistogram.upperBound(schema, index),
                    -NativeHistogram.upperBound(schema, index - 1), negativeCounts[i]);
        }
        double zero = histogram.zeroBucketCount();
        if (zero != 0) {
            add(buckets, BOTH_INCLUSIVE, -histogram.zeroThreshold(), histogram.zeroThreshold(), zero);
        }
        NativeHistogram.Buckets positive = histogram.positive();
        int[] positiveIndexes = positive.indexes();
        double[] positiveCounts = positive.absoluteCounts();
        for (int i = 0; i < Math.min(positiveIndexes.length, positiveCounts.length); i++) {
            int index = positiveIndexes[i];
            add(buckets, UPPER_INCLUSIVE, NativeHistogram.upperBound(schema, index - 1),
                    NativeHistogram.upperBound(schema, index), positiveCounts[i]);
        }
        return buckets;
    }

    private static void add(List<List<Object>> buckets, int boundaries, double lower, double upper, double count) {
        if (count != 0) {
            buckets.add(List.of(boundaries, GoFloat.format(lower), GoFloat.format(upper), GoFloat.format(count)));
        }
    }
}
