package stackdriver.pushgateway.persistence;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.model.NativeHistogram;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.PushRequest;
import stackdriver.pushgateway.store.StoredFamily;

/** Groups and pushes for persistence tests. */
final class Groups {

    private Groups() {
    }

    /** A group with every kind of metric and every field set, odd floats and native histograms included. */
    static Group everyKind(GroupingKey key) {
        Instant at = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        Labels labels = key.labels().with(Labels.of("path", "/a \"b\"\n", "unicode", "zß水"));
        Map<String, StoredFamily> families = new TreeMap<>();
        add(families, new MetricFamily("requests_total", "Requests.\nSecond line", MetricType.COUNTER, "",
                List.of(Metric.ofValue(labels, 42).withCreated(1_699_999_000.5))), at);
        add(families, new MetricFamily("temperature", "", MetricType.GAUGE, "celsius", List.of(
                Metric.ofValue(labels.with(Labels.of("v", "nan")), Double.NaN),
                Metric.ofValue(labels.with(Labels.of("v", "inf")), Double.POSITIVE_INFINITY),
                Metric.ofValue(labels.with(Labels.of("v", "-inf")), Double.NEGATIVE_INFINITY),
                Metric.ofValue(labels.with(Labels.of("v", "-0")), -0.0))), at.plusSeconds(1));
        add(families, new MetricFamily("latency", "Latency.", MetricType.HISTOGRAM, "seconds", List.of(
                Metric.ofHistogram(labels, 10, 2.5, new double[] {0.1, 1, Double.POSITIVE_INFINITY}, new double[] {3, 9, 10})
                        .withCreated(12.25),
                Metric.ofHistogram(labels.with(Labels.of("kind", "native")), 6, 4, new double[0], new double[0])
                        .withNativeHistogram(new NativeHistogram(3, 1e-9, 1, 0, 0,
                                new NativeHistogram.Buckets(new int[] {-2, 3}, new int[] {2, 1}, new long[] {2, -1, 1},
                                        new double[0]),
                                new NativeHistogram.Buckets(new int[] {0}, new int[] {1}, new long[] {1}, new double[0])))
                        .withCreated(11),
                Metric.ofHistogram(labels.with(Labels.of("kind", "float")), 4.5, 3, new double[0], new double[0])
                        .withNativeHistogram(new NativeHistogram(-1, 0.001, 0, 0.5, 4.5,
                                new NativeHistogram.Buckets(new int[] {1}, new int[] {2}, new long[0],
                                        new double[] {1.5, 2.5}), NativeHistogram.Buckets.NONE)))), at);
        add(families, new MetricFamily("queue", "", MetricType.GAUGE_HISTOGRAM, "",
                List.of(Metric.ofHistogram(labels, Double.NaN, Double.NaN, new double[] {1}, new double[] {-1}))), at);
        add(families, new MetricFamily("rpc", "RPC.", MetricType.SUMMARY, "", List.of(
                Metric.ofSummary(labels, 7, 0.7, new double[] {0.5, 0.99}, new double[] {0.1, Double.NaN}))), at);
        add(families, new MetricFamily("old", "", MetricType.UNTYPED, "",
                List.of(Metric.ofValue(labels, 1).withTimestamp(-5))), at);
        add(families, new MetricFamily("empty", "", MetricType.UNTYPED, "", List.of()), at);
        return new Group(key, Collections.unmodifiableMap(families), at.plusSeconds(1), at.minusSeconds(60));
    }

    /** Field by field, arrays by content, and NaN equal to NaN. */
    static void assertSameGroups(List<Group> actual, Group... expected) {
        org.assertj.core.api.Assertions.assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            org.assertj.core.api.Assertions.assertThat(actual.get(i)).usingRecursiveComparison()
                    .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                    .isEqualTo(expected[i]);
        }
    }

    static PushRequest gauge(PushRequest.Method method, GroupingKey key, String name, double value) {
        return new PushRequest(method, key, List.of(new MetricFamily(name, "", MetricType.GAUGE,
                List.of(Metric.ofValue(Labels.EMPTY, value)))));
    }

    static double gaugeValue(Group group, String name) {
        return group.families().get(name).family().metrics().get(0).value();
    }

    private static void add(Map<String, StoredFamily> families, MetricFamily family, Instant at) {
        families.put(family.name(), new StoredFamily(family, at));
    }
}
