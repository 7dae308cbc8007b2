package stackdriver.pushgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

class SeriesBudgetTest {

    private static final GroupingKey A = GroupingKey.of("job", "a");
    private static final GroupingKey B = GroupingKey.of("job", "b");

    private final MetricStore inner = new MetricStore();
    private final SeriesBudget budget = new SeriesBudget(inner, 10);

    /** A family of {@code series} gauges, labelled i=0.. */
    private static MetricFamily family(String name, int series) {
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < series; i++) {
            metrics.add(Metric.ofValue(Labels.of(Map.of("i", Integer.toString(i))), i));
        }
        return new MetricFamily(name, "", MetricType.GAUGE, metrics);
    }

    private static PushRequest push(PushRequest.Method method, GroupingKey key, MetricFamily... families) {
        return new PushRequest(method, key, List.of(families));
    }

    @Test
    void aPushThatWouldExceedTheBudgetIsRefusedAndChangesNothing() throws Exception {
        budget.apply(push(PushRequest.Method.PUT, A, family("x", 8)));
        Group before = inner.group(A);

        assertThatThrownBy(() -> budget.apply(push(PushRequest.Method.PUT, B, family("y", 3))))
                .isInstanceOf(SeriesBudgetExceededException.class)
                .hasMessageContaining("3 series").hasMessageContaining("gateway.limits.series-total");
        assertThatThrownBy(() -> budget.apply(push(PushRequest.Method.POST, A, family("z", 3))))
                .isInstanceOf(SeriesBudgetExceededException.class);

        assertThat(inner.group(B)).isNull();
        assertThat(inner.group(A)).isSameAs(before);
        assertThat(budget.used()).isEqualTo(8);
        assertThat(budget.metrics()).filteredOn(f -> f.name().endsWith("refused_pushes_total"))
                .singleElement().satisfies(f -> assertThat(f.metrics().get(0).value()).isEqualTo(2));
    }

    @Test
    void deletingAGroupFreesItsSeries() throws Exception {
        budget.apply(push(PushRequest.Method.PUT, A, family("x", 8)));
        budget.apply(PushRequest.delete(A));

        assertThat(budget.used()).isZero();
        budget.apply(push(PushRequest.Method.PUT, B, family("y", 10)));
        assertThat(budget.used()).isEqualTo(10);
    }

    @Test
    void aPutReplacingAGroupCountsOnlyTheDifference() throws Exception {
        budget.apply(push(PushRequest.Method.PUT, A, family("x", 8)));
        budget.apply(push(PushRequest.Method.PUT, A, family("x", 10)));
        assertThat(budget.used()).isEqualTo(10);

        budget.apply(push(PushRequest.Method.PUT, A, family("y", 2)));
        assertThat(budget.used()).isEqualTo(2);
        assertThat(inner.group(A).seriesCount()).isEqualTo(2);
    }

    @Test
    void aPostCountsTheFamiliesItReplacesAndKeepsTheOthers() throws Exception {
        budget.apply(push(PushRequest.Method.PUT, A, family("x", 4), family("y", 4)));
        budget.apply(push(PushRequest.Method.POST, A, family("y", 6)));

        assertThat(budget.used()).isEqualTo(10);
        assertThatThrownBy(() -> budget.apply(push(PushRequest.Method.POST, A, family("z", 1))))
                .isInstanceOf(SeriesBudgetExceededException.class);
    }

    @Test
    void anInconsistentPushCountsNothing() throws Exception {
        budget.apply(push(PushRequest.Method.PUT, A, family("x", 2)));
        MetricFamily counter = new MetricFamily("x", "", MetricType.COUNTER, List.of(Metric.ofValue(Labels.EMPTY, 1)));

        assertThatThrownBy(() -> budget.apply(push(PushRequest.Method.PUT, B, counter)))
                .isInstanceOf(InconsistentPushException.class);
        assertThat(budget.used()).isEqualTo(2);
    }

    @Test
    void groupsAlreadyStoredAndWipesAreCounted() throws Exception {
        inner.apply(push(PushRequest.Method.PUT, A, family("x", 7)));
        SeriesBudget restored = new SeriesBudget(inner, 10);
        assertThat(restored.used()).isEqualTo(7);

        restored.wipe();
        assertThat(restored.used()).isZero();
    }

    @Test
    void aJobPastItsShareIsRefusedAloneWhileOtherJobsGoOn() throws Exception {
        SeriesBudget perJob = new SeriesBudget(inner, 100, 5);
        GroupingKey otherGroupOfA = GroupingKey.of("job", "a", "instance", "2");
        perJob.apply(push(PushRequest.Method.PUT, A, family("x", 3)));

        assertThatThrownBy(() -> perJob.apply(push(PushRequest.Method.PUT, otherGroupOfA, family("x", 3))))
                .isInstanceOf(SeriesBudgetExceededException.class).hasMessageContaining("job \"a\"")
                .hasMessageContaining("gateway.limits.series-per-job");
        perJob.apply(push(PushRequest.Method.PUT, B, family("y", 5)));

        assertThat(inner.group(otherGroupOfA)).isNull();
        assertThat(perJob.usedBy("a")).isEqualTo(3);
        assertThat(perJob.usedBy("b")).isEqualTo(5);
        assertThat(perJob.used()).isEqualTo(8);
        perJob.apply(push(PushRequest.Method.PUT, otherGroupOfA, family("x", 2)));
        assertThat(perJob.usedBy("a")).isEqualTo(5);
    }

    @Test
    void aJobsShareIsFreedByItsDeletesAndCountedFromStoredGroups() throws Exception {
        inner.apply(push(PushRequest.Method.PUT, A, family("x", 4)));
        SeriesBudget perJob = new SeriesBudget(inner, 100, 5);
        assertThat(perJob.usedBy("a")).isEqualTo(4);

        perJob.apply(PushRequest.delete(A));
        assertThat(perJob.usedBy("a")).isZero();
        perJob.apply(push(PushRequest.Method.PUT, A, family("x", 5)));
        assertThat(perJob.deleteIf(A, group -> true)).isTrue();
        assertThat(perJob.usedBy("a")).isZero();
    }

    @Test
    void aPushPastTheTotalDoesNotCountAgainstItsJob() throws Exception {
        SeriesBudget perJob = new SeriesBudget(inner, 6, 5);
        perJob.apply(push(PushRequest.Method.PUT, B, family("y", 4)));

        assertThatThrownBy(() -> perJob.apply(push(PushRequest.Method.PUT, A, family("x", 3))))
                .isInstanceOf(SeriesBudgetExceededException.class).hasMessageContaining("gateway.limits.series-total");
        assertThat(perJob.usedBy("a")).isZero();
        assertThat(perJob.used()).isEqualTo(4);
    }

    @Test
    void theDefaultLimitIsTheHeapDividedByTheCostOfASeries() {
        assertThat(SeriesLimit.ofHeap(2L << 30, false)).as("1,000,000 series fit in 2 GB, as the bench stores them")
                .isEqualTo((2L << 30) / SeriesLimit.HEAP_BYTES_PER_SERIES).isGreaterThan(1_000_000);
        assertThat(SeriesLimit.ofHeap(512L << 20, true)).isEqualTo((512L << 20) / SeriesLimit.HEAP_BYTES_PER_SERIES_WITH_EMULATOR);
        GatewaySettings auto = GatewaySettings.load(java.nio.file.Path.of("config/application.properties"), Map.of(), Map.of());
        assertThat(SeriesLimit.from(auto, false)).isEqualTo(Runtime.getRuntime().maxMemory() / SeriesLimit.HEAP_BYTES_PER_SERIES);
        assertThat(SeriesLimit.from(auto, true))
                .isEqualTo(Runtime.getRuntime().maxMemory() / SeriesLimit.HEAP_BYTES_PER_SERIES_WITH_EMULATOR);
        GatewaySettings set = GatewaySettings.load(java.nio.file.Path.of("config/application.properties"), Map.of(),
                Map.of("gateway.limits.series-total", "5000"));
        assertThat(SeriesLimit.from(set, true)).isEqualTo(5000);
        assertThat(SeriesLimit.perJob(auto)).as("no bound by default").isEqualTo(SeriesBudget.NO_JOB_LIMIT);
    }
}
