package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.Distribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.model.NativeHistogram;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.StoredFamily;

/** Native histograms written as exponential distributions, as Google's OpenTelemetry exporter writes them. */
class NativeDistributionTest {

    /** Positive buckets 0, 1 and 3 (counts 2, 1, 0), negative bucket 1 (3), zero bucket 1: count 7. */
    private static final NativeHistogram SCHEMA_0 = new NativeHistogram(0, 0.001, 1, 0, 0,
            new NativeHistogram.Buckets(new int[] {0, 1}, new int[] {2, 1}, new long[] {2, -1, -1}, new double[0]),
            new NativeHistogram.Buckets(new int[] {1}, new int[] {1}, new long[] {3}, new double[0]));

    private static Metric nativeOnly(NativeHistogram histogram, double count, double sum) {
        return Metric.ofHistogram(Labels.EMPTY, count, sum, new double[0], new double[0]).withNativeHistogram(histogram);
    }

    @Test
    void bucketsFromTheFirstToTheLastPositiveOneWithNegativesAndZerosInTheUnderflow() {
        Distribution d = DistributionValue.of(nativeOnly(SCHEMA_0, 7, 14));

        Distribution.BucketOptions.Exponential exponential = d.getBucketOptions().getExponentialBuckets();
        assertThat(exponential.getGrowthFactor()).isEqualTo(2);
        assertThat(exponential.getScale()).isEqualTo(0.5); // the lower bound of bucket 0, (0.5, 1]
        assertThat(exponential.getNumFiniteBuckets()).isEqualTo(4); // buckets 0 to 3, the gap at 2 included
        assertThat(d.getBucketCountsList()).containsExactly(4L, 2L, 1L, 0L, 0L, 0L);
        assertThat(d.getCount()).isEqualTo(7);
        assertThat(d.getMean()).isEqualTo(2);
    }

    @Test
    void theGrowthFactorIsTwoToTheTwoToTheMinusSchema() {
        NativeHistogram schema3 = new NativeHistogram(3, 0, 0, 0, 0, new NativeHistogram.Buckets(new int[] {-4},
                new int[] {1}, new long[] {5}, new double[0]), NativeHistogram.Buckets.NONE);

        Distribution d = DistributionValue.of(nativeOnly(schema3, 5, 4));

        Distribution.BucketOptions.Exponential exponential = d.getBucketOptions().getExponentialBuckets();
        assertThat(exponential.getGrowthFactor()).isCloseTo(Math.pow(2, 0.125), Offset.offset(1e-15));
        assertThat(exponential.getScale()).isCloseTo(Math.pow(2, -5 / 8.0), Offset.offset(1e-15));
        assertThat(d.getBucketCountsList()).containsExactly(0L, 5L, 0L);
    }

    @Test
    void floatCountsAreRounded() {
        NativeHistogram floats = new NativeHistogram(0, 0, 0, 0.4, 4.9, new NativeHistogram.Buckets(new int[] {1},
                new int[] {2}, new long[0], new double[] {1.6, 2.9}), NativeHistogram.Buckets.NONE);

        Distribution d = DistributionValue.of(nativeOnly(floats, 4.9, 9.8));

        assertThat(d.getBucketCountsList()).containsExactly(0L, 2L, 3L, 0L);
        assertThat(d.getCount()).isEqualTo(5);
    }

    @Test
    void withoutPositiveBucketsItIsAnExplicitDistributionAroundZero() {
        NativeHistogram negativeOnly = new NativeHistogram(0, 0.001, 2, 0, 0, NativeHistogram.Buckets.NONE,
                new NativeHistogram.Buckets(new int[] {0}, new int[] {1}, new long[] {3}, new double[0]));

        Distribution d = DistributionValue.of(nativeOnly(negativeOnly, 5, -3));

        assertThat(d.getBucketOptions().getExplicitBuckets().getBoundsList()).containsExactly(0.0);
        assertThat(d.getBucketCountsList()).containsExactly(5L, 0L);
        assertThat(d.getCount()).isEqualTo(5);
    }

    @Test
    void aSpanWiderThanTheBucketLimitIsWrittenAtACoarserSchema() {
        NativeHistogram wide = new NativeHistogram(3, 0, 0, 0, 0, new NativeHistogram.Buckets(new int[] {0, 399},
                new int[] {1, 1}, new long[] {1, 1}, new double[0]), NativeHistogram.Buckets.NONE);

        Distribution d = DistributionValue.of(nativeOnly(wide, 3, 1));

        Distribution.BucketOptions.Exponential exponential = d.getBucketOptions().getExponentialBuckets();
        // buckets 0..400 at schema 3 are 401; at schema 1, buckets 0..100
        assertThat(exponential.getNumFiniteBuckets()).isEqualTo(101);
        assertThat(exponential.getGrowthFactor()).isCloseTo(Math.sqrt(2), Offset.offset(1e-15));
        assertThat(exponential.getScale()).isCloseTo(Math.pow(2, -0.5), Offset.offset(1e-15));
        assertThat(d.getBucketCountsList()).hasSize(103);
        assertThat(d.getBucketCounts(1)).isEqualTo(1);
        assertThat(d.getBucketCounts(101)).isEqualTo(2);
        assertThat(d.getCount()).isEqualTo(3);
    }

    @Test
    void aHistogramWithBothIsWrittenInItsNativeForm() {
        Metric both = Metric.ofHistogram(Labels.EMPTY, 7, 14, new double[] {1, Double.POSITIVE_INFINITY},
                new double[] {3, 7}).withNativeHistogram(SCHEMA_0);

        assertThat(DistributionValue.of(both).getBucketOptions().hasExponentialBuckets()).isTrue();
    }

    @Test
    void aSchemaWithoutExponentialBucketsIsRejectedWithTheReason() {
        NativeHistogram custom = new NativeHistogram(-53, 0, 0, 0, 0, new NativeHistogram.Buckets(new int[] {0},
                new int[] {1}, new long[] {1}, new double[0]), NativeHistogram.Buckets.NONE);
        Group group = new Group(GroupingKey.of("job", "j"), Map.of("h", new StoredFamily(new MetricFamily("h", "",
                MetricType.HISTOGRAM, List.of(nativeOnly(custom, 1, 1))), Instant.EPOCH)), Instant.EPOCH, null);
        ExportSettings settings = ExportSettingsTestValues.defaults();
        List<ExportedSeries> series = new ArrayList<>();
        List<SeriesRejection> rejected = new ArrayList<>();

        new TimeSeriesMapper(MetricNaming.of(settings), ResourceMapping.of(settings)).map(group, series, rejected);

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.cause()).isEqualTo("unsupported_native_histogram");
            assertThat(r.reason()).isEqualTo("the native histogram has schema -53; exponential buckets are written for"
                    + " schemas -4 to 8");
        });
        assertThat(series).noneMatch(s -> s.family().equals("h"));
    }
}
