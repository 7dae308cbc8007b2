package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.PushRequest;

/**
 * Writer replicas fed the same pushes give a counter that reset the same start, whichever of them writes it: the
 * leader, which knows the end of its last point, or a new leader, which does not.
 */
class ReplicaResetStartTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final GroupingKey JOB = GroupingKey.of("job", "shop");
    private static final String COUNTER = "prometheus.googleapis.com/orders_total/counter";

    /** A writer replica's store and export bookkeeping, applying pushes at its own (wrong) clock. */
    private static final class Writer {
        final MetricStore store;
        final SeriesHistory history = new SeriesHistory();
        final TimeSeriesMapper mapper;

        Writer(Instant clock) {
            store = new MetricStore(true, Clock.fixed(clock, ZoneOffset.UTC));
            ExportSettings settings = ExportSettingsTestValues.defaults();
            mapper = new TimeSeriesMapper(MetricNaming.of(settings), ResourceMapping.of(settings));
        }

        void push(Instant accepted, double orders) throws Exception {
            store.apply(new PushRequest(PushRequest.Method.PUT, JOB, List.of(new MetricFamily("orders_total", "",
                    MetricType.COUNTER, List.of(Metric.ofValue(Labels.EMPTY, orders)))), accepted));
        }

        /** The start of the counter's point that ends at {@code end}, as this replica would write it. */
        Instant export(Instant end) {
            List<ExportedSeries> series = new ArrayList<>();
            mapper.map(store.group(JOB), series, new ArrayList<>());
            ExportedSeries counter = series.stream().filter(s -> s.id().metric().getType().equals(COUNTER))
                    .findFirst().orElseThrow();
            return history.next(counter, end);
        }
    }

    private final Writer leader = new Writer(T0.plusSeconds(3600));
    private final Writer standby = new Writer(T0.plusSeconds(7200));

    private void pushToBoth(Instant accepted, double orders) throws Exception {
        leader.push(accepted, orders);
        standby.push(accepted, orders);
    }

    @Test
    void aNewLeaderStartsACounterThatResetWhereTheOldLeaderStartedIt() throws Exception {
        pushToBoth(T0, 10);
        Instant lastEndBeforeReset = T0.plusSeconds(60);
        assertThat(leader.export(T0.plusSeconds(30))).isEqualTo(T0);
        assertThat(leader.export(lastEndBeforeReset)).isEqualTo(T0);
        Instant reset = lastEndBeforeReset.plusSeconds(20);
        pushToBoth(reset, 2);

        Instant oldLeadersStart = leader.export(lastEndBeforeReset.plusSeconds(60));
        Instant newLeadersStart = standby.export(lastEndBeforeReset.plusSeconds(120));

        assertThat(oldLeadersStart).isEqualTo(reset).isAfter(lastEndBeforeReset);
        assertThat(newLeadersStart).isEqualTo(oldLeadersStart);
    }

    @Test
    void aNewLeaderKeepsTheStartOfACounterThatWentUpAgainAfterItsReset() throws Exception {
        pushToBoth(T0, 10);
        leader.export(T0.plusSeconds(30));
        pushToBoth(T0.plusSeconds(40), 1);
        Instant oldLeadersStart = leader.export(T0.plusSeconds(90));
        pushToBoth(T0.plusSeconds(100), 5);
        assertThat(leader.export(T0.plusSeconds(150))).isEqualTo(oldLeadersStart);

        assertThat(standby.export(T0.plusSeconds(210))).isEqualTo(oldLeadersStart).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void aResetAcceptedBeforeTheLeadersLastEndStartsJustAfterThatEnd() throws Exception {
        pushToBoth(T0, 10);
        Instant lastEnd = T0.plusSeconds(60);
        leader.export(lastEnd);
        pushToBoth(lastEnd.minusMillis(200), 2);

        assertThat(leader.export(lastEnd.plusSeconds(60))).isEqualTo(lastEnd.plus(Duration.ofMillis(1)));
    }
}
