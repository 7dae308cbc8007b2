package stackdriver.pushgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

class MetricStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final MetricStore store = new MetricStore(true, Clock.fixed(NOW, ZoneOffset.UTC));
    private final GroupingKey job = GroupingKey.of("job", "j");

    private static MetricFamily family(String name, MetricType type, Metric... metrics) {
        return new MetricFamily(name, "", type, List.of(metrics));
    }

    private static MetricFamily gauge(String name, double value) {
        return family(name, MetricType.GAUGE, Metric.ofValue(Labels.EMPTY, value));
    }

    private static PushRequest put(GroupingKey key, MetricFamily... families) {
        return new PushRequest(PushRequest.Method.PUT, key, List.of(families));
    }

    private static PushRequest post(GroupingKey key, MetricFamily... families) {
        return new PushRequest(PushRequest.Method.POST, key, List.of(families));
    }

    @Test
    void groupsPushingTheSameSeriesKeepOneCopyOfEachLabelValue() throws Exception {
        GroupingKey a = GroupingKey.of("job", "j", "instance", "a");
        GroupingKey b = GroupingKey.of("job", "j", "instance", "b");
        store.apply(put(a, family("requests_total", MetricType.COUNTER, Metric.ofValue(Labels.of("path", new String("/x")), 1))));
        store.apply(put(b, family("requests_total", MetricType.COUNTER, Metric.ofValue(Labels.of("path", new String("/x")), 2),
                Metric.ofValue(Labels.of("path", "/y"), 3))));
        Labels first = store.group(a).families().get("requests_total").family().metrics().get(0).labels();
        List<Metric> second = store.group(b).families().get("requests_total").family().metrics();
        assertThat(second.get(0).labels()).isEqualTo(Labels.of("instance", "b", "job", "j", "path", "/x"));
        assertThat(second.get(0).labels().get("path")).isSameAs(first.get("path"));
        assertThat(second.get(1).labels()).isEqualTo(Labels.of("instance", "b", "job", "j", "path", "/y"));
    }

    @Test
    void putReplacesTheWholeGroup() throws Exception {
        store.apply(put(job, gauge("a", 1), gauge("b", 2)));
        store.apply(put(job, gauge("c", 3)));
        assertThat(store.group(job).families()).containsOnlyKeys("c");
        assertThat(store.group(job).lastPush()).isEqualTo(NOW);
    }

    @Test
    void postReplacesOnlyTheFamiliesItNames() throws Exception {
        store.apply(put(job, gauge("a", 1), family("b", MetricType.GAUGE,
                Metric.ofValue(Labels.of("x", "1"), 1), Metric.ofValue(Labels.of("x", "2"), 2))));
        store.apply(post(job, family("b", MetricType.GAUGE, Metric.ofValue(Labels.of("x", "3"), 3))));
        assertThat(store.group(job).families()).containsOnlyKeys("a", "b");
        assertThat(store.group(job).families().get("b").family().metrics()).extracting(m -> m.labels().get("x"))
                .containsExactly("3");
    }

    @Test
    void emptyPutCreatesAnEmptyGroup() throws Exception {
        store.apply(put(job));
        assertThat(store.group(job).families()).isEmpty();
        assertThat(store.group(job).lastPush()).isEqualTo(NOW);
    }

    @Test
    void deleteRemovesOnlyTheExactGroupingKey() throws Exception {
        GroupingKey withInstance = GroupingKey.of("job", "j", "instance", "i");
        store.apply(put(job, gauge("a", 1)));
        store.apply(put(withInstance, gauge("a", 1)));
        store.apply(PushRequest.delete(job));
        assertThat(store.group(job)).isNull();
        assertThat(store.group(withInstance)).isNotNull();
    }

    @Test
    void emptyLabelValueIsTheSameGroupAsNoLabel() throws Exception {
        store.apply(put(GroupingKey.of("job", "j", "instance", ""), gauge("a", 1)));
        store.apply(put(job, gauge("b", 1)));
        assertThat(store.groups()).hasSize(1);
    }

    @Test
    void groupingKeyLabelsOverrideBodyLabels() throws Exception {
        store.apply(put(GroupingKey.of("job", "j", "instance", "i"), family("a", MetricType.GAUGE,
                Metric.ofValue(Labels.of("job", "other", "instance", "body", "x", "1"), 1))));
        Labels labels = store.group(GroupingKey.of("job", "j", "instance", "i")).families().get("a").family()
                .metrics().get(0).labels();
        assertThat(labels).isEqualTo(Labels.of("job", "j", "instance", "i", "x", "1"));
    }

    @Test
    void pushedPushTimeIsReplacedByTheGatewaysOwn() throws Exception {
        store.apply(put(job, gauge("push_time_seconds", 5), gauge("a", 1)));
        assertThat(store.group(job).families()).containsOnlyKeys("a");
    }

    @Test
    void rejectsTimestampsAndKeepsOldMetrics() throws Exception {
        store.apply(put(job, gauge("a", 1)));
        MetricFamily stamped = family("a", MetricType.GAUGE, Metric.ofValue(Labels.EMPTY, 2).withTimestamp(1000));
        assertThatThrownBy(() -> store.apply(put(job, stamped)))
                .hasMessage("pushed metrics are invalid or inconsistent with existing metrics: "
                        + "pushed metrics must not have timestamps");
        assertThat(store.group(job).families().get("a").family().metrics().get(0).value()).isEqualTo(1);
        assertThat(store.group(job).lastFailure()).isEqualTo(NOW);
        assertThat(store.group(job).lastPushSuccessful()).isFalse();
    }

    @Test
    void failedPushToANewGroupCreatesItWithNoPushTime() {
        MetricFamily stamped = family("a", MetricType.GAUGE, Metric.ofValue(Labels.EMPTY, 2).withTimestamp(1000));
        assertThatThrownBy(() -> store.apply(put(job, stamped))).isInstanceOf(InconsistentPushException.class);
        assertThat(store.group(job).families()).isEmpty();
        assertThat(store.group(job).lastPush()).isNull();
        assertThat(store.group(job).lastFailure()).isEqualTo(NOW);
    }

    @Test
    void rejectsDuplicateSeriesWithTheReferenceMessage() {
        MetricFamily twice = family("a", MetricType.UNTYPED, Metric.ofValue(Labels.EMPTY, 1), Metric.ofValue(Labels.EMPTY, 2));
        assertThatThrownBy(() -> store.apply(put(job, twice))).hasMessage(
                "pushed metrics are invalid or inconsistent with existing metrics: collected metric \"a\" "
                        + "{ label:<name:\"instance\" value:\"\" > label:<name:\"job\" value:\"j\" > untyped:<value:2 > }"
                        + " was collected before with the same name and label values");
    }

    @Test
    void bodyLabelsThatBecomeTheGroupingKeyAreDuplicates() {
        MetricFamily clash = family("a", MetricType.GAUGE, Metric.ofValue(Labels.of("job", "x"), 1),
                Metric.ofValue(Labels.EMPTY, 2));
        assertThatThrownBy(() -> store.apply(put(job, clash))).hasMessageContaining("was collected before");
    }

    @Test
    void rejectsReservedLabelNames() {
        MetricFamily reserved = family("a", MetricType.GAUGE, Metric.ofValue(Labels.of("__x", "1"), 1));
        assertThatThrownBy(() -> store.apply(put(job, reserved))).hasMessageEndingWith("has a label with an invalid name: __x");
    }

    @Test
    void rejectsATypeThatDiffersFromAnotherGroup() throws Exception {
        store.apply(put(GroupingKey.of("job", "one"), family("b", MetricType.COUNTER, Metric.ofValue(Labels.EMPTY, 1))));
        assertThatThrownBy(() -> store.apply(put(GroupingKey.of("job", "two"), gauge("b", 1))))
                .hasMessageEndingWith("gauge:<value:1 > } is not a COUNTER");
        assertThat(store.group(GroupingKey.of("job", "two")).families()).isEmpty();
    }

    @Test
    void aGroupMayChangeTheTypeOfAFamilyOnlyItHolds() throws Exception {
        store.apply(put(job, family("b", MetricType.COUNTER, Metric.ofValue(Labels.EMPTY, 1))));
        store.apply(put(job, gauge("b", 1)));
        store.apply(put(GroupingKey.of("job", "two"), gauge("b", 2)));
        assertThat(store.groups()).hasSize(2);
    }

    @Test
    void deletingTheLastHolderFreesTheName() throws Exception {
        store.apply(put(job, family("b", MetricType.COUNTER, Metric.ofValue(Labels.EMPTY, 1))));
        store.apply(PushRequest.delete(job));
        store.apply(put(GroupingKey.of("job", "two"), gauge("b", 2)));
        assertThat(store.group(GroupingKey.of("job", "two")).families()).containsKey("b");
    }

    @Test
    void aConditionalDeleteRemovesTheGroupAndFreesItsNamesOnlyWhenTheConditionHolds() throws Exception {
        store.apply(put(job, family("b", MetricType.COUNTER, Metric.ofValue(Labels.EMPTY, 1))));

        assertThat(store.deleteIf(job, group -> group.families().isEmpty())).isFalse();
        assertThat(store.group(job)).isNotNull();
        assertThat(store.deleteIf(GroupingKey.of("job", "unknown"), group -> true)).isFalse();
        assertThat(store.deleteIf(job, group -> group.families().containsKey("b"))).isTrue();
        assertThat(store.group(job)).isNull();
        store.apply(put(GroupingKey.of("job", "two"), gauge("b", 2)));
        assertThat(store.group(GroupingKey.of("job", "two")).families()).containsKey("b");
    }

    @Test
    void putThatDropsAFamilyReleasesItsType() throws Exception {
        store.apply(put(job, family("b", MetricType.COUNTER, Metric.ofValue(Labels.EMPTY, 1))));
        store.apply(put(job, gauge("other", 1)));
        store.apply(put(GroupingKey.of("job", "two"), gauge("b", 2)));
        assertThat(store.group(GroupingKey.of("job", "two")).families()).containsKey("b");
    }

    @Test
    void consistencyCheckCanBeDisabled() throws Exception {
        MetricStore unchecked = new MetricStore(false, Clock.systemUTC());
        unchecked.apply(put(GroupingKey.of("job", "one"), family("b", MetricType.COUNTER, Metric.ofValue(Labels.EMPTY, 1))));
        unchecked.apply(put(GroupingKey.of("job", "two"), gauge("b", 1)));
        assertThat(unchecked.groups()).hasSize(2);
    }

    @Test
    void concurrentPushesOfClashingTypesLetExactlyOneTypeIn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                GroupingKey key = GroupingKey.of("job", "j" + i);
                MetricType type = i % 2 == 0 ? MetricType.GAUGE : MetricType.COUNTER;
                results.add(pool.submit(() -> {
                    try {
                        store.apply(put(key, family("clash", type, Metric.ofValue(Labels.EMPTY, 1))));
                        return true;
                    } catch (InconsistentPushException e) {
                        return false;
                    }
                }));
            }
            for (Future<Boolean> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.groups().stream().flatMap(g -> g.families().values().stream())
                .map(f -> f.family().type()).distinct()).hasSize(1);
    }
}
