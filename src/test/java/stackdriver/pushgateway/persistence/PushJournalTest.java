package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static stackdriver.pushgateway.store.PushRequest.Method.DELETE;
import static stackdriver.pushgateway.store.PushRequest.Method.POST;
import static stackdriver.pushgateway.store.PushRequest.Method.PUT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.TableProperties;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.InconsistentPushException;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.PushRequest;

class PushJournalTest {

    private static final GroupingKey BATCH = GroupingKey.of("job", "batch");
    private static final GroupingKey WEB = GroupingKey.of("job", "web", "instance", "w1");

    @TempDir
    Path dir;

    @Test
    void journaledPushesAreRestoredAfterReopening() throws Exception {
        MetricStore store = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, store)) {
            push(store, journal, Groups.gauge(PUT, BATCH, "a", 1));
            push(store, journal, Groups.gauge(POST, BATCH, "b", 2));
            push(store, journal, Groups.gauge(PUT, WEB, "c", 3));
        }

        MetricStore restored = reopen();

        Groups.assertSameGroups(List.of(restored.group(BATCH), restored.group(WEB)), store.group(BATCH), store.group(WEB));
    }

    @Test
    void aPutRemovesTheFamiliesItDoesNotBring() throws Exception {
        MetricStore store = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, store)) {
            push(store, journal, Groups.gauge(PUT, BATCH, "a", 1));
            push(store, journal, Groups.gauge(POST, BATCH, "b", 2));
            push(store, journal, Groups.gauge(PUT, BATCH, "c", 3));
        }

        assertThat(reopen().group(BATCH).families()).containsOnlyKeys("c");
    }

    @Test
    void aPostKeepsTheOtherFamiliesAndReplacesItsOwn() throws Exception {
        MetricStore store = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, store)) {
            push(store, journal, Groups.gauge(PUT, BATCH, "a", 1));
            push(store, journal, Groups.gauge(POST, BATCH, "b", 2));
            push(store, journal, Groups.gauge(POST, BATCH, "b", 5));
        }

        Group restored = reopen().group(BATCH);
        assertThat(restored.families()).containsOnlyKeys("a", "b");
        assertThat(Groups.gaugeValue(restored, "b")).isEqualTo(5);
    }

    @Test
    void aDeletedGroupStaysDeleted() throws Exception {
        MetricStore store = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, store)) {
            push(store, journal, Groups.gauge(PUT, BATCH, "a", 1));
            push(store, journal, Groups.gauge(PUT, WEB, "a", 1));
            push(store, journal, PushRequest.delete(BATCH));
        }

        MetricStore restored = reopen();
        assertThat(restored.group(BATCH)).isNull();
        assertThat(restored.group(WEB)).isNotNull();
    }

    @Test
    void aWipeStaysDone() throws Exception {
        MetricStore store = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, store)) {
            push(store, journal, Groups.gauge(PUT, BATCH, "a", 1));
            push(store, journal, Groups.gauge(PUT, WEB, "a", 1));
            store.wipe();
            journal.recordWipe();
        }

        assertThat(reopen().groups()).isEmpty();
    }

    @Test
    void aGroupWithoutFamiliesAndAFailedPushTimeAreRestored() throws Exception {
        MetricStore store = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, store)) {
            push(store, journal, new PushRequest(PUT, BATCH, List.of()));
            push(store, journal, Groups.gauge(PUT, WEB, "a", 1));
            PushRequest withTimestamp = new PushRequest(PUT, WEB, List.of(Groups.gauge(PUT, WEB, "a", 1).families().get(0)
                    .withMetrics(List.of(stackdriver.pushgateway.model.Metric.ofValue(
                            stackdriver.pushgateway.model.Labels.EMPTY, 1).withTimestamp(5)))));
            assertThatThrownBy(() -> store.apply(withTimestamp)).isInstanceOf(InconsistentPushException.class);
            journal.record(withTimestamp);
        }

        MetricStore restored = reopen();
        assertThat(restored.group(BATCH).families()).isEmpty();
        assertThat(restored.group(WEB).lastFailure()).isEqualTo(store.group(WEB).lastFailure()).isNotNull();
    }

    @Test
    void savedStatesAreReturnedAtRestore() {
        try (PushJournal journal = PushJournal.open(dir, new MetricStore())) {
            journal.saveStates(Map.of("export", new byte[] {7, 8}));
        }
        try (PushJournal journal = PushJournal.open(dir, new MetricStore())) {
            assertThat(journal.restore()).containsOnlyKeys("export");
        }
    }

    @Test
    void concurrentPushesToOneGroupLeaveTheLastStateJournaled() throws Exception {
        MetricStore store = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, store)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String family = "f" + t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        PushRequest.Method method = i % 10 == 0 ? PUT : POST;
                        push(store, journal, Groups.gauge(method, BATCH, family, i));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }

        Groups.assertSameGroups(List.of(reopen().group(BATCH)), store.group(BATCH));
    }

    @Test
    void aJournalWhoseTablesAreSnappysAsEarlierVersionsWroteThemIsRestored() throws Exception {
        MetricStore store = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, store)) {
            push(store, journal, Groups.gauge(PUT, BATCH, "a", 1));
            push(store, journal, Groups.gauge(PUT, WEB, "b", 2));
        }
        try (Options snappy = new Options().setCompressionType(CompressionType.SNAPPY_COMPRESSION);
                RocksDB db = RocksDB.open(snappy, dir.toString());
                CompactRangeOptions rewrite = new CompactRangeOptions()
                        .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
            assertThat(compressions(db)).containsOnly("LZ4");
            db.compactRange(db.getDefaultColumnFamily(), null, null, rewrite); // every table written again
            assertThat(compressions(db)).containsOnly("Snappy");
        }

        Groups.assertSameGroups(List.of(reopen().group(BATCH), reopen().group(WEB)), store.group(BATCH), store.group(WEB));
    }

    @Test
    void aDamagedJournalIsRefusedNamingTheDirectory() throws Exception {
        PushJournal.open(dir, new MetricStore()).close();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("MANIFEST")).toList()) {
                Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
            }
        }

        assertThatThrownBy(() -> PushJournal.open(dir, new MetricStore()))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString());
    }

    private static List<String> compressions(RocksDB db) throws RocksDBException {
        return db.getPropertiesOfAllTables().values().stream().map(TableProperties::getCompressionName).toList();
    }

    private MetricStore reopen() {
        MetricStore restored = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, restored)) {
            journal.restore();
        }
        return restored;
    }

    private static void push(MetricStore store, PushJournal journal, PushRequest request) {
        try {
            store.apply(request);
        } catch (InconsistentPushException e) {
            throw new AssertionError(e);
        }
        journal.record(request);
    }
}
