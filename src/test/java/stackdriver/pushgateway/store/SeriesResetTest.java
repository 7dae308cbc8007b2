package stackdriver.pushgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/**
 * The store notes when a cumulative series goes down (a reset), at the push's own time, so that every writer replica
 * fed the same messages holds the same resets and starts the counter's new period at the same time.
 */
class SeriesResetTest {

    private static final Instant T1 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);
    private final MetricStore store = new MetricStore(true, Clock.fixed(T3.plusSeconds(3600), ZoneOffset.UTC));
    private final GroupingKey job = GroupingKey.of("job", "resets");

    private static Metric value(String path, double value) {
        return Metric.ofValue(Labels.of("path", path), value);
    }

    private static MetricFamily family(String name, MetricType type, Metric... metrics) {
        return new MetricFamily(name, "", type, List.of(metrics));
    }

    private void put(MetricStore into, Instant time, MetricFamily family) throws Exception {
        into.apply(new PushRequest(PushRequest.Method.PUT, job, List.of(family), time));
    }

    private SeriesResets resets(MetricStore of, String family) {
        return of.group(job).families().get(family).resets();
    }

    @Test
    void aCounterBelowItsStoredValueResetsAtThePushsTime() throws Exception {
        put(store, T1, family("a_total", MetricType.COUNTER, value("/a", 5), value("/b", 5)));
        put(store, T2, family("a_total", MetricType.COUNTER, value("/a", 2), value("/b", 6)));

        assertThat(resets(store, "a_total").of(0)).isEqualTo(T2);
        assertThat(resets(store, "a_total").of(1)).as("the series that went up").isNull();
    }

    @Test
    void aSeriesKeepsItsResetWhileItGoesUpAgain() throws Exception {
        put(store, T1, family("a_total", MetricType.COUNTER, value("/a", 5)));
        put(store, T2, family("a_total", MetricType.COUNTER, value("/a", 2)));
        put(store, T3, family("a_total", MetricType.COUNTER, value("/a", 3)));

        assertThat(resets(store, "a_total").of(0)).isEqualTo(T2);
    }

    @Test
    void aSeriesIsComparedWithTheStoredSeriesOfItsLabelsWhereverItStands() throws Exception {
        put(store, T1, family("a_total", MetricType.COUNTER, value("/a", 5), value("/b", 1)));
        put(store, T2, family("a_total", MetricType.COUNTER, value("/new", 0), value("/b", 2), value("/a", 4)));

        SeriesResets resets = resets(store, "a_total");
        assertThat(resets.of(0)).as("a series not stored before").isNull();
        assertThat(resets.of(1)).isNull();
        assertThat(resets.of(2)).isEqualTo(T2);
    }

    @Test
    void aHistogramsOrASummarysCountBelowTheStoredOneIsAReset() throws Exception {
        double[] bounds = {1, Double.POSITIVE_INFINITY};
        put(store, T1, family("h", MetricType.HISTOGRAM, Metric.ofHistogram(Labels.EMPTY, 9, 9, bounds, new double[] {4, 9})));
        put(store, T2, family("h", MetricType.HISTOGRAM, Metric.ofHistogram(Labels.EMPTY, 1, 1, bounds, new double[] {1, 1})));
        store.apply(new PushRequest(PushRequest.Method.POST, job, List.of(family("s", MetricType.SUMMARY,
                Metric.ofSummary(Labels.EMPTY, 10, 20, new double[0], new double[0]))), T2));
        store.apply(new PushRequest(PushRequest.Method.POST, job, List.of(family("s", MetricType.SUMMARY,
                Metric.ofSummary(Labels.EMPTY, 3, 6, new double[0], new double[0]))), T3));

        assertThat(resets(store, "h").of(0)).isEqualTo(T2);
        assertThat(resets(store, "s").of(0)).isEqualTo(T3);
    }

    @Test
    void aGaugeThatGoesDownIsNoReset() throws Exception {
        put(store, T1, family("g", MetricType.GAUGE, value("/a", 5)));
        put(store, T2, family("g", MetricType.GAUGE, value("/a", 1)));

        assertThat(resets(store, "g").none()).isTrue();
    }

    @Test
    void aCounterPushedWithANewCreatedTimeIsNoResetOfTheStore() throws Exception {
        put(store, T1, family("c_total", MetricType.COUNTER, value("/a", 5).withCreated(100)));
        put(store, T2, family("c_total", MetricType.COUNTER, value("/a", 1).withCreated(200)));

        assertThat(resets(store, "c_total").none()).as("the series' own new start says when it began").isTrue();
    }

    @Test
    void aFamilyPushedWithAnotherTypeForgetsItsResets() throws Exception {
        put(store, T1, family("a", MetricType.COUNTER, value("/a", 5)));
        put(store, T2, family("a", MetricType.COUNTER, value("/a", 1)));
        put(store, T3, family("a", MetricType.UNTYPED, value("/a", 0)));

        assertThat(resets(store, "a").none()).isTrue();
    }

    @Test
    void twoStoresFedTheSamePushesAtDifferentTimesHoldTheSameResets() throws Exception {
        MetricStore other = new MetricStore(true, Clock.fixed(T3.plusSeconds(7200), ZoneOffset.UTC));
        for (MetricStore replica : List.of(store, other)) {
            put(replica, T1, family("a_total", MetricType.COUNTER, value("/a", 5)));
            put(replica, T2, family("a_total", MetricType.COUNTER, value("/a", 1)));
            put(replica, T3, family("a_total", MetricType.COUNTER, value("/a", 2)));
        }

        assertThat(resets(other, "a_total")).isEqualTo(resets(store, "a_total"));
        assertThat(other.group(job)).isEqualTo(store.group(job));
    }
}
