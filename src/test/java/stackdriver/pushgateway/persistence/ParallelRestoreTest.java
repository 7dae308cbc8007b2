package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.PushRequest;
import stackdriver.pushgateway.store.StoredFamily;

/**
 * Restores decode on several threads while one reads: what comes back is exactly what was saved, for more groups
 * than threads and than may wait to be decoded, with groups without families, families without series, families
 * larger than the buffers a restore reads into, and series whose labels differ from the series before in count,
 * name, value and alphabet.
 */
class ParallelRestoreTest {

    private static final int GROUPS = 80;

    @TempDir
    Path dir;

    @Test
    void aSnapshotRestoresExactlyTheGroupsSavedInTheirOrder() throws IOException {
        SnapshotFile file = new SnapshotFile(dir.resolve("snapshot"));
        List<Group> saved = groups();
        file.write(saved, Map.of("export", new byte[] {4, 2}));

        Groups.assertSameGroups(file.read().orElseThrow().groups(), saved.toArray(Group[]::new));
    }

    @Test
    void aJournalDecodedOnAnyNumberOfThreadsRestoresExactlyTheGroupsSaved() {
        List<Group> saved = groups();
        journal(saved);

        for (int threads : new int[] {1, 2, 5}) {
            MetricStore restored = new MetricStore();
            try (PushJournal journal = PushJournal.open(dir, restored)) {
                journal.restore(new ParallelDecoding<>(threads));
            }

            Groups.assertSameGroups(sorted(restored.groups()), sorted(saved).toArray(Group[]::new));
        }
    }

    @Test
    void aSnapshotGroupThatCannotBeDecodedIsRefusedNamingItsOffset() throws IOException {
        Path path = dir.resolve("snapshot");
        new SnapshotFile(path).write(groups(), Map.of());
        byte[] bytes = Files.readAllBytes(path);
        int damaged = damageGroupEntry(bytes, 70);
        Files.write(path, bytes);

        assertThatThrownBy(() -> new SnapshotFile(path).read())
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("at byte " + damaged + ":")
                .hasMessageContaining("invalid length");
    }

    @Test
    void aJournaledFamilyThatEndsEarlyIsRefusedNamingTheJournal() throws Exception {
        journal(groups());
        try (RocksDB db = RocksDB.open(dir.toString()); RocksIterator it = db.newIterator()) {
            it.seek(new byte[] {'f'});
            for (int skipped = 0; skipped < 60; skipped++) {
                it.next();
            }
            // the family's name is 1 byte long, and there is no byte
            db.put(it.key(), new byte[] {GroupCodec.FORMAT, 0, 0, 0, 1});
        }

        assertThatThrownBy(() -> {
            try (PushJournal journal = PushJournal.open(dir, new MetricStore())) {
                journal.restore();
            }
        }).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("journal " + dir.toAbsolutePath())
                .hasMessageContaining("unreadable entry at key [102, ")
                .hasMessageContaining("the entry ends early");
    }

    private void journal(List<Group> groups) {
        MetricStore store = new MetricStore();
        try (PushJournal journal = PushJournal.open(dir, store)) {
            for (Group group : groups) {
                store.restore(group);
                journal.record(new PushRequest(PushRequest.Method.PUT, group.key(), List.of()));
            }
        }
    }

    /** Sets the entry's first count to a huge one, with a checksum that matches; returns the entry's offset. */
    private static int damageGroupEntry(byte[] file, int index) {
        ByteBuffer in = ByteBuffer.wrap(file);
        in.position(12); // magic and format
        for (int i = 0; i < index; i++) {
            in.position(in.position() + 1 + 4 + in.getInt(in.position() + 1) + 4);
        }
        int entry = in.position();
        int length = in.getInt(entry + 1);
        in.putInt(entry + 5, 0x7f7f7f7f);
        CRC32 crc = new CRC32();
        crc.update(file, entry + 5, length);
        in.putInt(entry + 5 + length, (int) crc.getValue());
        return entry;
    }

    private static List<Group> sorted(Iterable<Group> groups) {
        List<Group> list = new ArrayList<>();
        groups.forEach(list::add);
        list.sort(Comparator.comparing(group -> group.key().labels()));
        return list;
    }

    private static List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        Instant at = Instant.ofEpochSecond(1_700_000_000L, 5);
        for (int g = 0; g < GROUPS; g++) {
            GroupingKey key = GroupingKey.of("job", "restore", "instance", "i" + g);
            switch (g % 10) {
                case 0 -> groups.add(Group.empty(key));
                case 1 -> groups.add(Groups.everyKind(key));
                // journaled families larger than a restore's read buffer, and than the size it keeps one at
                case 2 -> groups.add(g == 2 ? requests(key, g, at, 500, 5_000) : requests(key, g, at, 30, 3_000));
                default -> groups.add(requests(key, g, at, 30, 0));
            }
        }
        return groups;
    }

    /** @param padding characters added to some label values, so that the family takes that much more room */
    private static Group requests(GroupingKey key, int g, Instant at, int series, int padding) {
        List<Metric> metrics = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            Labels labels = switch (s % 6) {
                case 0 -> Labels.of("path", "/items/" + s + "-".repeat(padding), "code", "200");
                case 1 -> Labels.of("path", "/items/" + s + "+".repeat(padding), "code", "500");
                case 2 -> Labels.of("path", "/é/" + s);
                case 3 -> Labels.of("route", "/items/" + s + "=".repeat(padding), "code", "200");
                case 4 -> Labels.of("path", "/水/" + s, "code", "2000");
                default -> Labels.EMPTY;
            };
            metrics.add(Metric.ofValue(key.labels().with(labels), g * 1000 + s));
        }
        Map<String, StoredFamily> families = new TreeMap<>();
        families.put("requests", new StoredFamily(new MetricFamily("requests", "Requests.", MetricType.COUNTER, metrics), at));
        families.put("idle", new StoredFamily(new MetricFamily("idle", "", MetricType.GAUGE, List.of()), at));
        return new Group(key, Collections.unmodifiableMap(families), at, g % 3 == 0 ? at.minusSeconds(9) : null);
    }
}
