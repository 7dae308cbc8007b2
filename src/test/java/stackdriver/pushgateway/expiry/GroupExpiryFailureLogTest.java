package stackdriver.pushgateway.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.ForwardingGroupStore;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.InconsistentPushException;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.PushRequest;
import stackdriver.pushgateway.store.StoreUnavailableException;
import stackdriver.pushgateway.support.CollectedLog;
import stackdriver.pushgateway.support.TestClock;

/** Sweeps that cannot delete (the journal cannot write): said once when they start failing and once when they recover. */
class GroupExpiryFailureLogTest {

    private static final GroupingKey BATCH = GroupingKey.of("job", "batch");

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final CollectedLog log = new CollectedLog(GroupExpiry.class.getName(), Level.INFO);
    private final List<LogRecord> logged = log.records();

    @BeforeEach
    void collectLog() {
        log.start();
    }

    @AfterEach
    void stopCollecting() {
        log.stop();
    }

    @Test
    void sweepsThatKeepFailingWarnOnceAndTheRecoveryIsLoggedOnce() throws Exception {
        FailingDeletes store = new FailingDeletes(new MetricStore(true, clock));
        store.apply(new PushRequest(PushRequest.Method.PUT, BATCH, List.of(new MetricFamily("done", "",
                MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, 1))))));
        GroupExpiry expiry = new GroupExpiry(store, new GroupTtl(Duration.ofMinutes(10), List.of()), clock);
        clock.advance(Duration.ofMinutes(11));

        store.reason = "cannot write the deletion to the journal: No space left on device";
        for (int i = 0; i < 5; i++) {
            expiry.sweepLogged();
        }

        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(formatted(record)).contains("No space left on device");
        });
        assertThat(store.group(BATCH)).isNotNull();

        store.reason = null;
        expiry.sweepLogged();
        expiry.sweepLogged();

        assertThat(store.group(BATCH)).isNull();
        assertThat(logged).hasSize(3).extracting(LogRecord::getLevel)
                .containsExactly(Level.WARNING, Level.INFO, Level.INFO);
        assertThat(formatted(logged.get(1))).contains("deleted");
        assertThat(formatted(logged.get(2))).contains("succeeds again");
    }

    private static String formatted(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    /** A store whose deletions fail, as the journaled store's do, while {@link #reason} is set. */
    private static final class FailingDeletes extends ForwardingGroupStore {
        volatile String reason;

        FailingDeletes(MetricStore store) {
            super(store);
        }

        @Override
        public void apply(PushRequest request) throws InconsistentPushException {
            store.apply(request);
        }

        @Override
        public boolean deleteIf(GroupingKey key, Predicate<Group> condition) {
            if (reason != null) {
                throw new StoreUnavailableException(reason);
            }
            return store.deleteIf(key, condition);
        }

        @Override
        public void wipe() {
            store.wipe();
        }

        @Override
        public void restore(Group group) {
            store.restore(group);
        }
    }
}
