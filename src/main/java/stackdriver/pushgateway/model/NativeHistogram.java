package stackdriver.pushgateway.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The native (sparse, exponential) part of a histogram, kept as the client pushed it in protobuf so that it can be
 * re-exposed field for field: an integer histogram as deltas, a float histogram as absolute counts. The count, sum
 * and created time live in the {@link Metric} it belongs to, shared with the classic buckets when both were pushed.
 *
 * <p>Bucket {@code i} of schema {@code s} holds the values in (2^((i-1)·2^-s), 2^(i·2^-s)] (negated for the negative
 * side); the zero bucket those in [-zeroThreshold, zeroThreshold].
 *
 * @param schema         the resolution: the growth factor between buckets is 2^(2^-schema)
 * @param zeroThreshold  the width of the zero bucket
 * @param zeroCount      the zero bucket's count in an integer histogram
 * @param zeroCountFloat the zero bucket's count in a float histogram (0 in an integer one)
 * @param countFloat     the float histogram's sample count as pushed ({@code sample_count_float}), 0 when absent
 */
public record NativeHistogram(int schema, double zeroThreshold, long zeroCount, double zeroCountFloat,
                              double countFloat, Buckets positive, Buckets negative) {

    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];
    private static final double[] NO_DOUBLES = new double[0];

    /**
     * One side's buckets: spans of consecutive bucket indexes (the first offset from index 0, each later one from
     * the end of the previous span), and the counts of the buckets the spans cover in order.
     *
     * @param spanOffsets  each span's offset
     * @param spanLengths  each span's length (uint32 on the wire)
     * @param deltas       an integer histogram's counts, each the difference to the previous bucket's
     * @param counts       a float histogram's absolute counts
     */
    public record Buckets(int[] spanOffsets, int[] spanLengths, long[] deltas, double[] counts) {
        public static final Buckets NONE = new Buckets(NO_INTS, NO_INTS, NO_LONGS, NO_DOUBLES);

        public boolean isEmpty() {
            return spanOffsets.length == 0 && deltas.length == 0 && counts.length == 0;
        }

        /** The bucket count at each position the spans cover, deltas added up (float counts as they are). */
        public double[] absoluteCounts() {
            if (deltas.length == 0) {
                return counts.clone();
            }
            double[] result = new double[deltas.length];
            long running = 0;
            for (int i = 0; i < deltas.length; i++) {
                running += deltas[i];
                result[i] = running;
            }
            return result;
        }

        /** The bucket index of each count, from the spans; as many as the spans cover. */
        public int[] indexes() {
            int covered = 0;
            for (int length : spanLengths) {
                covered += length;
            }
            int[] result = new int[covered];
            int at = 0;
            int index = 0;
            for (int s = 0; s < spanOffsets.length; s++) {
                index += spanOffsets[s];
                for (int j = 0; j < spanLengths[s]; j++) {
                    result[at++] = index++;
                }
            }
            return result;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Buckets other && Arrays.equals(spanOffsets, other.spanOffsets)
                    && Arrays.equals(spanLengths, other.spanLengths) && Arrays.equals(deltas, other.deltas)
                    && Arrays.equals(counts, other.counts);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(spanOffsets), Arrays.hashCode(spanLengths), Arrays.hashCode(deltas),
                    Arrays.hashCode(counts));
        }

        @Override
        public String toString() {
            return "Buckets[offsets=" + Arrays.toString(spanOffsets) + ", lengths=" + Arrays.toString(spanLengths)
                    + ", deltas=" + Arrays.toString(deltas) + ", counts=" + Arrays.toString(counts) + "]";
        }
    }

    /** A float histogram (Prometheus reads one so when its float sample or zero count is above 0). */
    public boolean isFloat() {
        return countFloat > 0 || zeroCountFloat > 0;
    }

    /** The zero bucket's count, whichever kind the histogram is. */
    public double zeroBucketCount() {
        return isFloat() ? zeroCountFloat : unsigned(zeroCount);
    }

    /**
     * The upper bound of positive bucket {@code index} at this schema, 2^(index·2^-schema), computed as a power of
     * two times 2^(fraction) so that every bound that is a power of two is exact.
     */
    public static double upperBound(int schema, int index) {
        if (schema <= 0) {
            long exponent = (long) index << -schema;
            return Math.scalb(1.0, (int) Math.max(-2000, Math.min(2000, exponent)));
        }
        int perPowerOfTwo = 1 << schema;
        int whole = Math.floorDiv(index, perPowerOfTwo);
        int fraction = Math.floorMod(index, perPowerOfTwo);
        return Math.scalb(StrictMath.pow(2, (double) fraction / perPowerOfTwo), whole);
    }

    static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }
}
