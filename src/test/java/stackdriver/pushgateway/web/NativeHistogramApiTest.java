package stackdriver.pushgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.model.NativeHistogram;

/** {@code /api/v1/metrics} shows a native histogram as the Pushgateway 1.8 does. */
class NativeHistogramApiTest {

    private static final NativeHistogram SCHEMA_0 = new NativeHistogram(0, 0.001, 1, 0, 0,
            new NativeHistogram.Buckets(new int[] {0, 1}, new int[] {2, 1}, new long[] {2, -1, -1}, new double[0]),
            new NativeHistogram.Buckets(new int[] {1}, new int[] {1}, new long[] {3}, new double[0]));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metricJson(Metric metric) throws Exception {
        Map<String, Object> family = ApiMetrics.familyJson(
                new MetricFamily("latency_seconds", "", MetricType.HISTOGRAM, List.of(metric)), Instant.EPOCH);
        // through Jackson, as the endpoint writes it
        Map<String, Object> json = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(family), Map.class);
        return ((List<Map<String, Object>>) json.get("metrics")).get(0);
    }

    @Test
    void aNativeOnlyHistogramListsItsBucketsWithBoundsAndInclusiveness() throws Exception {
        Metric metric = Metric.ofHistogram(Labels.EMPTY, 7, 3.5, new double[0], new double[0]).withNativeHistogram(SCHEMA_0);

        Map<String, Object> json = metricJson(metric);

        assertThat(json.get("count")).isEqualTo("7");
        assertThat(json.get("sum")).isEqualTo("3.5");
        // negatives most negative first; the zero bucket; positives; a bucket with count 0 left out
        assertThat(json.get("buckets")).isEqualTo(List.of(
                List.of(1, "-2", "-1", "3"),
                List.of(3, "-0.001", "0.001", "1"),
                List.of(0, "0.5", "1", "2"),
                List.of(0, "1", "2", "1")));
    }

    @Test
    void aFloatHistogramListsItsFloatCounts() throws Exception {
        NativeHistogram floats = new NativeHistogram(-1, 0, 0, 0, 4.5, new NativeHistogram.Buckets(new int[] {1},
                new int[] {1}, new long[0], new double[] {4.5}), NativeHistogram.Buckets.NONE);
        Metric metric = Metric.ofHistogram(Labels.EMPTY, 4.5, 3, new double[0], new double[0]).withNativeHistogram(floats);

        assertThat(metricJson(metric).get("buckets")).isEqualTo(List.of(List.of(0, "1", "4", "4.5")));
    }

    @Test
    void aHistogramWithBothShowsItsClassicBuckets() throws Exception {
        Metric metric = Metric.ofHistogram(Labels.EMPTY, 7, 3.5, new double[] {1, Double.POSITIVE_INFINITY},
                new double[] {3, 7}).withNativeHistogram(SCHEMA_0);

        assertThat(metricJson(metric).get("buckets")).isEqualTo(Map.of("1", "3", "+Inf", "7"));
    }

    @Test
    void boundsOfAFinerSchemaArePowersOfTheGrowthFactor() {
        assertThat(NativeHistogram.upperBound(3, 8)).isEqualTo(2);
        assertThat(NativeHistogram.upperBound(3, -8)).isEqualTo(0.5);
        assertThat(NativeHistogram.upperBound(3, 4)).isCloseTo(Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(NativeHistogram.upperBound(-2, 1)).isEqualTo(16);
    }
}
