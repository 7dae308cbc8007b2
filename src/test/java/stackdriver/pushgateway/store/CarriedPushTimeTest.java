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
 * Pushes carried through Pub/Sub bring their own time: it is the group's push time and its families' start, and a
 * push older than what the group reflects changes nothing, so that replicas applying the same messages agree.
 */
class CarriedPushTimeTest {

    private static final Instant APPLIED = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private final MetricStore store = new MetricStore(true, Clock.fixed(APPLIED, ZoneOffset.UTC));
    private final GroupingKey job = GroupingKey.of("job", "carried");

    private static MetricFamily counter(String name, double value) {
        return new MetricFamily(name, "", MetricType.COUNTER, List.of(Metric.ofValue(Labels.EMPTY, value)));
    }

    private PushRequest push(PushRequest.Method method, Instant time, MetricFamily... families) {
        return new PushRequest(method, job, List.of(families), time);
    }

    @Test
    void theGroupsPushTimeAndItsFamiliesStartAreThePushsOwnTime() throws Exception {
        store.apply(push(PushRequest.Method.PUT, T1, counter("a_total", 1)));

        Group group = store.group(job);
        assertThat(group.lastPush()).isEqualTo(T1);
        assertThat(group.families().get("a_total").pushedAt()).isEqualTo(T1);
        assertThat(group.families().get("a_total").since()).isEqualTo(T1);
    }

    @Test
    void aFamilyKeepsItsStartAcrossPushesOfTheSameType() throws Exception {
        store.apply(push(PushRequest.Method.PUT, T1, counter("a_total", 1)));
        store.apply(push(PushRequest.Method.PUT, T2, counter("a_total", 2)));

        StoredFamily stored = store.group(job).families().get("a_total");
        assertThat(stored.pushedAt()).isEqualTo(T2);
        assertThat(stored.since()).isEqualTo(T1);
    }

    @Test
    void aFamilyPushedWithAnotherTypeStartsAgain() throws Exception {
        store.apply(push(PushRequest.Method.PUT, T1, counter("a", 1)));
        store.apply(push(PushRequest.Method.PUT, T2, new MetricFamily("a", "", MetricType.GAUGE,
                List.of(Metric.ofValue(Labels.EMPTY, 2)))));

        assertThat(store.group(job).families().get("a").since()).isEqualTo(T2);
    }

    @Test
    void aPostRedeliveredAfterALaterPutDoesNotBringBackWhatThePutRemoved() throws Exception {
        store.apply(push(PushRequest.Method.POST, T1, counter("removed_total", 1)));
        store.apply(push(PushRequest.Method.PUT, T2, counter("kept_total", 2)));

        store.apply(push(PushRequest.Method.POST, T1, counter("removed_total", 1)));

        assertThat(store.group(job).families()).containsOnlyKeys("kept_total");
        assertThat(store.group(job).lastPush()).isEqualTo(T2);
    }

    @Test
    void aDeleteOlderThanTheGroupsLastPushChangesNothing() throws Exception {
        store.apply(push(PushRequest.Method.PUT, T2, counter("a_total", 1)));

        store.apply(new PushRequest(PushRequest.Method.DELETE, job, List.of(), T1));

        assertThat(store.group(job)).isNotNull();
    }

    @Test
    void aPushOfTheSameTimeIsApplied() throws Exception {
        store.apply(push(PushRequest.Method.PUT, T1, counter("a_total", 1)));
        store.apply(push(PushRequest.Method.POST, T1, counter("b_total", 2)));

        assertThat(store.group(job).families()).containsOnlyKeys("a_total", "b_total");
    }

    @Test
    void aPushWithoutItsOwnTimeIsStampedWhenApplied() throws Exception {
        store.apply(push(PushRequest.Method.PUT, T2, counter("a_total", 1)));
        store.apply(new PushRequest(PushRequest.Method.POST, job, List.of(counter("b_total", 1))));

        assertThat(store.group(job).lastPush()).isEqualTo(APPLIED);
        assertThat(store.group(job).families().get("b_total").since()).isEqualTo(APPLIED);
    }
}
