package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.Distribution;
import com.google.api.Distribution.BucketOptions;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.gax.rpc.StatusCode;
import com.google.monitoring.v3.TimeSeries;
import com.google.monitoring.v3.TypedValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on distribution values: at most 200 buckets, bucket options that make sense, count = sum of bucket counts. */
class DistributionRulesTest extends EmulatorTestSupport {
    private static final String TYPE = "prometheus.googleapis.com/latency_seconds/histogram";

    @Test
    void aHistogramIsAcceptedAndReadBackUnchanged() {
        Distribution histogram = explicit(List.of(0.1, 0.5, 1.0), List.of(3L, 2L, 1L, 1L), 7);

        write(histogram(histogram));

        assertThat(read(TYPE).get(0).getPoints(0).getValue().getDistributionValue()).isEqualTo(histogram);
    }

    @Test
    void twoHundredBucketsAreAcceptedAnd201Rejected() {
        write(histogram(explicit(bounds(199), counts(200), 200)));

        Rejection rejection = rejected(histogram(explicit(bounds(200), counts(201), 201)).toBuilder()
                .setMetric(metric(TYPE + "2")).build());

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("Field timeSeries[0].points[0].value had an invalid value:"
                + " Distribution metric has too many buckets.");
    }

    @Test
    void aCountThatIsNotTheSumOfTheBucketCountsIsRejected() {
        Rejection rejection = rejected(histogram(explicit(List.of(1.0), List.of(1L, 1L), 3)));

        assertThat(rejection.message()).contains("distribution_value.count had an invalid value of \"3\": The count must"
                + " equal the sum of the bucket counts (2).");
    }

    @Test
    void boundsThatDoNotIncreaseAreRejected() {
        assertThat(rejected(histogram(explicit(List.of(1.0, 1.0), List.of(0L, 1L, 0L), 1))).message())
                .contains("bounds had an invalid value: The bounds must be strictly increasing.");
    }

    @Test
    void moreBucketCountsThanBucketsAreRejected() {
        assertThat(rejected(histogram(explicit(List.of(1.0), List.of(0L, 1L, 0L), 1))).message())
                .contains("There are 3 bucket counts for 2 buckets.");
    }

    @Test
    void linearBucketsWithAZeroWidthAreRejected() {
        Distribution linear = Distribution.newBuilder().setCount(0).setBucketOptions(BucketOptions.newBuilder()
                .setLinearBuckets(BucketOptions.Linear.newBuilder().setNumFiniteBuckets(5).setWidth(0))).build();

        assertThat(rejected(histogram(linear)).message()).contains("linear_buckets had an invalid value");
    }

    @Test
    void anExponentialDistributionIsAcceptedAndReadBackUnchanged() {
        Distribution exponential = exponential(3, 2, 0.5, List.of(4L, 2L, 1L, 0L, 0L), 7);

        write(histogram(exponential));

        assertThat(read(TYPE).get(0).getPoints(0).getValue().getDistributionValue()).isEqualTo(exponential);
    }

    @Test
    void exponentialBucketsNeedFiniteBucketsAGrowthFactorAboveOneAndAPositiveScale() {
        for (Distribution bad : List.of(exponential(0, 2, 1, List.of(1L, 0L), 1),
                exponential(3, 1, 1, List.of(1L), 1), exponential(3, 2, 0, List.of(1L), 1),
                exponential(3, 2, -1, List.of(1L), 1))) {
            assertThat(rejected(histogram(bad)).message()).contains("Field timeSeries[0].points[0].value"
                    + ".distribution_value.bucket_options.exponential_buckets had an invalid value: num_finite_buckets"
                    + " and scale must be greater than 0, growth_factor greater than 1.");
        }
    }

    @Test
    void exponentialBucketsTakeAtMostNumFiniteBucketsPlusTwoCountsWhichAddUpToTheCount() {
        assertThat(rejected(histogram(exponential(2, 2, 1, List.of(0L, 1L, 0L, 0L, 1L), 2))).message())
                .contains("There are 5 bucket counts for 4 buckets.");
        assertThat(rejected(histogram(exponential(2, 2, 1, List.of(0L, 1L, 0L, 1L), 3))).message())
                .contains("The count must equal the sum of the bucket counts (2).");
        assertThat(rejected(histogram(exponential(199, 2, 1, List.of(1L), 1))).message())
                .contains("Distribution metric has too many buckets.");
    }

    private static Distribution exponential(int finite, double growth, double scale, List<Long> counts, long count) {
        return Distribution.newBuilder().setCount(count).setMean(1)
                .setBucketOptions(BucketOptions.newBuilder().setExponentialBuckets(BucketOptions.Exponential.newBuilder()
                        .setNumFiniteBuckets(finite).setGrowthFactor(growth).setScale(scale)))
                .addAllBucketCounts(counts).build();
    }

    private TimeSeries histogram(Distribution distribution) {
        return TimeSeries.newBuilder().setMetric(metric(TYPE)).setResource(global())
                .setMetricKind(MetricKind.CUMULATIVE)
                .addPoints(point(TypedValue.newBuilder().setDistributionValue(distribution).build(),
                        NOW.minusSeconds(60), NOW))
                .build();
    }

    private static Distribution explicit(List<Double> bounds, List<Long> counts, long count) {
        return Distribution.newBuilder().setCount(count).setMean(0.3)
                .setBucketOptions(BucketOptions.newBuilder().setExplicitBuckets(
                        BucketOptions.Explicit.newBuilder().addAllBounds(bounds)))
                .addAllBucketCounts(counts).build();
    }

    private static List<Double> bounds(int n) {
        List<Double> bounds = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            bounds.add((double) i);
        }
        return bounds;
    }

    private static List<Long> counts(int n) {
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            counts.add(1L);
        }
        return counts;
    }
}
