package stackdriver.pushgateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void aPlainValueAnswersNoCountSumBucketsQuantilesTimestampOrCreated() {
        Metric m = Metric.ofValue(Labels.of("a", "1"), 2.5);
        assertThat(m.value()).isEqualTo(2.5);
        assertThat(m.count()).isNaN();
        assertThat(m.sum()).isNaN();
        assertThat(m.bucketBounds()).isEmpty();
        assertThat(m.quantiles()).isEmpty();
        assertThat(m.hasTimestamp()).isFalse();
        assertThat(m.createdSeconds()).isNaN();
    }

    @Test
    void theFullConstructorKeepsEveryField() {
        Metric m = new Metric(Labels.EMPTY, Double.NaN, 3, 9, new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 3},
                new double[0], new double[0], 1234, 10.5);
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.sum()).isEqualTo(9);
        assertThat(m.bucketCounts()).containsExactly(1, 3);
        assertThat(m.timestampMillis()).isEqualTo(1234);
        assertThat(m.createdSeconds()).isEqualTo(10.5);
    }

    @Test
    void timestampAndCreatedAreAddedToAPlainValue() {
        Metric m = Metric.ofValue(Labels.EMPTY, 1).withTimestamp(5).withCreated(2);
        assertThat(m.timestampMillis()).isEqualTo(5);
        assertThat(m.createdSeconds()).isEqualTo(2);
        assertThat(m.withLabels(Labels.of("a", "1"))).isEqualTo(Metric.ofValue(Labels.of("a", "1"), 1).withTimestamp(5).withCreated(2));
    }

    @Test
    void theNativePartSurvivesNewLabelsTimestampAndCreated() {
        NativeHistogram n = new NativeHistogram(2, 1e-9, 1, 0, 0,
                new NativeHistogram.Buckets(new int[] {0}, new int[] {1}, new long[] {3}, new double[0]),
                NativeHistogram.Buckets.NONE);
        Metric m = Metric.ofHistogram(Labels.EMPTY, 4, 1, new double[0], new double[0]).withNativeHistogram(n);
        Metric changed = m.withLabels(Labels.of("a", "1")).withTimestamp(5).withCreated(2);
        assertThat(changed.nativeHistogram()).isEqualTo(n);
        assertThat(changed.count()).isEqualTo(4);
        assertThat(m).isNotEqualTo(Metric.ofHistogram(Labels.EMPTY, 4, 1, new double[0], new double[0]));
        assertThat(Metric.ofValue(Labels.EMPTY, 1).nativeHistogram()).isNull();
    }
}
