package stackdriver.pushgateway.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.GroupLocks;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.PushRequest;
import stackdriver.pushgateway.store.StoredFamily;

/**
 * The store kept in a RocksDB directory, written before a push is answered. Each write is synced to
 * RocksDB's write-ahead log; RocksDB lets concurrent synced writes share one fsync (group commit) and
 * compacts the log into its tables by itself.
 *
 * <p>After a push, the journal writes what the store now holds for that group (not the request), under a
 * per-group lock, so concurrent pushes to one group cannot leave an older state last. Keys:
 * {@code 'g' key} → last push and failure times; {@code 'f' key name} → one family, so a POST
 * costs the families it brings, not the whole group; {@code 's' name} → a {@link PersistentState}. The
 * encoded key is self-delimiting, so one group's families form a key range that no other group shares.
 */
public final class PushJournal implements AutoCloseable {

    private static final byte GROUP = 'g';
    private static final byte FAMILY = 'f';
    private static final byte STATE = 's';
    /** free space on the journal's volume before writes are tried again after a failure */
    static final long RESUME_FREE_BYTES = 1 << 20;
    private static final long RESTORE_READAHEAD_BYTES = 4 << 20;

    private final Path directory;
    private final GroupStore store;
    /** null before {@link #restore()} opened it when opened by restore, and after a failed reopen */
    private volatile RocksDB db;
    /** made with the first open, which loads RocksDB's native library (unpacking 15 MB takes 0.2 s) */
    private Options options;
    private WriteOptions synced;
    private final GroupLocks groupLocks = new GroupLocks();

    private PushJournal(Path directory, GroupStore store) {
        this.directory = directory;
        this.store = store;
    }

    /** Opens (or creates) the journal in {@code directory}; a damaged one is refused, never recreated. */
    public static PushJournal open(Path directory, GroupStore store) {
        PushJournal journal = openedByRestore(directory, store);
        journal.openDatabase();
        return journal;
    }

    /**
     * The journal in {@code directory}, whose RocksDB {@link #restore()} opens: opening replays RocksDB's log (after a
     * crash, up to its 64 MB), which then happens on the restore's thread, beside Camel's start.
     */
    public static PushJournal openedByRestore(Path directory, GroupStore store) {
        return new PushJournal(directory.toAbsolutePath(), store);
    }

    private void openDatabase() {
        if (options == null) {
            RocksDB.loadLibrary();
            options = new Options().setCreateIfMissing(true)
                    .setParanoidChecks(true)
                    // a restore of 1,000,000 series read them in 0.10 s from LZ4's tables, 0.28 s from Snappy's (the
                    // default), and they were smaller; tables written before keep their Snappy and are read as such
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    // keeps the log, and so the replay at start, short
                    .setMaxTotalWalSize(64L << 20)
                    .setKeepLogFileNum(3);
            synced = new WriteOptions().setSync(true);
        }
        try {
            Files.createDirectories(directory);
            db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException | IOException e) {
            throw new CorruptStateException("cannot open the journal " + directory + ": " + e.getMessage()
                    + ". The gateway does not start empty over it: move the directory away to start without the"
                    + " saved groups.", e);
        }
    }

    /** Puts every journaled group into the store and returns the saved {@link PersistentState}s. */
    public Map<String, byte[]> restore() {
        return restore(new ParallelDecoding<>());
    }

    /** {@link #restore()}, the families decoded by {@code decoding}'s threads while this one reads RocksDB. */
    Map<String, byte[]> restore(ParallelDecoding<StoredFamily> decoding) {
        if (db == null) {
            openDatabase();
        }
        Map<ByteBuffer, Group> headers = new HashMap<>();
        List<ByteBuffer> familyGroups = new ArrayList<>();
        Map<String, byte[]> states = new LinkedHashMap<>();
        EntryBuffers buffers = new EntryBuffers(ParallelDecoding.IN_FLIGHT);
        // read once, in order: no block of it is worth keeping in RocksDB's cache, and reading ahead saves calls
        try (ReadOptions scan = new ReadOptions().setFillCache(false).setReadaheadSize(RESTORE_READAHEAD_BYTES);
                RocksIterator it = db.newIterator(scan); decoding) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                try {
                    switch (key[0]) {
                        case GROUP -> {
                            GroupingKey groupingKey = GroupCodec.readGroupingKey(keyReader(key));
                            headers.put(ByteBuffer.wrap(key, 1, key.length - 1).slice(),
                                    GroupCodec.readGroupHeader(valueReader(it.value()), groupingKey));
                        }
                        case FAMILY -> {
                            familyGroups.add(ByteBuffer.wrap(key, 1, encodedKeyLength(key)).slice());
                            ByteBuffer value = buffers.take(it::value);
                            decoding.submit(() -> {
                                try {
                                    return decodeFamily(key, value);
                                } finally {
                                    buffers.give(value);
                                }
                            });
                        }
                        case STATE -> {
                            byte[] value = it.value();
                            ByteBuffer saved = valueReader(value);
                            states.put(new String(key, 1, key.length - 1, StandardCharsets.UTF_8),
                                    Arrays.copyOfRange(value, saved.position(), value.length));
                        }
                        default -> throw new CorruptStateException("unknown key kind " + key[0]);
                    }
                } catch (IOException | RuntimeException e) {
                    throw unreadable(key, e);
                }
            }
            it.status();
            Map<ByteBuffer, Map<String, StoredFamily>> families = new HashMap<>();
            for (int i = 0; i < decoding.size(); i++) {
                StoredFamily family = decoding.get(i);
                families.computeIfAbsent(familyGroups.get(i), k -> new TreeMap<>()).put(family.family().name(), family);
            }
            for (ByteBuffer key : families.keySet()) {
                if (!headers.containsKey(key)) {
                    throw new CorruptStateException("journal " + directory + " holds families of a group without its entry");
                }
            }
            headers.forEach((key, header) -> store.restore(new Group(header.key(),
                    Collections.unmodifiableMap(families.getOrDefault(key, Map.of())), header.lastPush(), header.lastFailure())));
        } catch (RocksDBException | IOException e) {
            throw new CorruptStateException("cannot read the journal " + directory + ": " + e.getMessage(), e);
        }
        return states;
    }

    private StoredFamily decodeFamily(byte[] key, ByteBuffer value) {
        try {
            int format = value.get(0);
            return GroupCodec.readFamily(valueReader(value), format);
        } catch (IOException | RuntimeException e) {
            throw unreadable(key, e);
        }
    }

    private CorruptStateException unreadable(byte[] key, Exception e) {
        return new CorruptStateException("journal " + directory + " holds an unreadable entry at key "
                + Arrays.toString(Arrays.copyOf(key, Math.min(key.length, 64))) + ": " + GroupCodec.reason(e), e);
    }

    /** Makes the journal hold what the store now holds for the request's group; returns once it is on disk. */
    public void record(PushRequest request) {
        ReentrantLock lock = groupLocks.of(request.key());
        lock.lock();
        try (WriteBatch batch = new WriteBatch()) {
            Group group = store.group(request.key());
            byte[] key = encodedKey(request.key());
            if (group != null && request.method() == PushRequest.Method.POST) {
                putHeader(batch, key, group);
                for (MetricFamily pushed : request.families()) {
                    putOrDelete(batch, key, pushed.name(), group.families().get(pushed.name()));
                }
            } else {
                putWhole(batch, key, group);
            }
            db().write(synced, batch);
        } catch (RocksDBException e) {
            throw new JournalWriteException("cannot write the push to the journal " + directory + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the journal hold what the store holds for each of these groups, in one synced write: the groups taken
     * from a peer replica's snapshot into an empty store.
     */
    public void recordGroups(Collection<GroupingKey> keys) {
        groupLocks.lockAll();
        try (WriteBatch batch = new WriteBatch()) {
            for (GroupingKey key : keys) {
                putWhole(batch, encodedKey(key), store.group(key));
            }
            db().write(synced, batch);
        } catch (RocksDBException e) {
            throw new JournalWriteException("cannot write the groups to the journal " + directory + ": " + e.getMessage(), e);
        } finally {
            groupLocks.unlockAll();
        }
    }

    /**
     * After a wipe: removes every journaled group that the store no longer holds, in one synced write, so that a
     * failed wipe leaves the journal as it was. Pushes to any group wait meanwhile.
     */
    public void recordWipe() {
        groupLocks.lockAll();
        try (WriteBatch batch = new WriteBatch()) {
            for (GroupingKey key : journaledGroups()) {
                if (store.group(key) == null) {
                    byte[] encoded = encodedKey(key);
                    batch.delete(prefixed(GROUP, encoded));
                    deleteFamilies(batch, encoded);
                }
            }
            db().write(synced, batch);
        } catch (RocksDBException | IOException e) {
            throw new JournalWriteException("cannot write the wipe to the journal " + directory + ": " + e.getMessage(), e);
        } finally {
            groupLocks.unlockAll();
        }
    }

    public void saveStates(Map<String, byte[]> states) {
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<String, byte[]> state : states.entrySet()) {
                byte[] value = new byte[state.getValue().length + 1];
                value[0] = GroupCodec.FORMAT;
                System.arraycopy(state.getValue(), 0, value, 1, state.getValue().length);
                batch.put(prefixed(STATE, state.getKey().getBytes(StandardCharsets.UTF_8)), value);
            }
            db().write(synced, batch);
        } catch (RocksDBException e) {
            throw new JournalWriteException("cannot save state to the journal " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * After a failed write: once the volume has {@link #RESUME_FREE_BYTES} free, proves with a synced write that
     * leaves nothing behind that the journal writes again; if it does not, closes and reopens RocksDB (a failed
     * write leaves it refusing every write, and RocksJava has no {@code Resume}), which replays its log, so nothing
     * synced before is lost. Throws while the journal still cannot write; the journal may stay closed then, and
     * the caller refuses writes until a later call succeeds.
     */
    public void resume() {
        long free = usableSpace();
        if (free < RESUME_FREE_BYTES) {
            throw new JournalWriteException("the journal's volume has " + free + " bytes free, less than the "
                    + RESUME_FREE_BYTES + " it waits for", null);
        }
        groupLocks.lockAll();
        try {
            if (db != null) {
                try {
                    probe();
                    return;
                } catch (RocksDBException stillFailing) {
                    db.close();
                    db = null;
                }
            }
            db = RocksDB.open(options, directory.toString());
            probe();
        } catch (RocksDBException e) {
            throw new JournalWriteException("the journal " + directory + " still cannot write: " + e.getMessage(), e);
        } finally {
            groupLocks.unlockAll();
        }
    }

    /**
     * Space RocksDB set aside for its log counts as used, and closing it frees that space: without a margin, a
     * full volume would flap between refusing and taking pushes.
     */
    private long usableSpace() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: let the probe write decide
        }
    }

    private void probe() throws RocksDBException {
        try (WriteBatch probe = new WriteBatch()) {
            byte[] key = prefixed(STATE, "probe".getBytes(StandardCharsets.UTF_8));
            probe.put(key, new byte[] {GroupCodec.FORMAT});
            probe.delete(key);
            db().write(synced, probe);
        }
    }

    /** The open database; throws after a failed {@link #resume()} left it closed (using a closed one would crash). */
    private RocksDB db() throws RocksDBException {
        RocksDB open = db;
        if (open == null) {
            throw new RocksDBException("closed after a write failure, not yet reopened");
        }
        return open;
    }

    public Path directory() {
        return directory;
    }

    /** Flushes the log into RocksDB's tables, so the next start has nothing to replay, and closes. */
    @Override
    public void close() {
        groupLocks.lockAll();
        try {
            if (db != null) {
                flush();
                db.close();
                db = null;
            }
        } finally {
            groupLocks.unlockAll();
        }
        if (options != null) {
            synced.close();
            options.close();
        }
    }

    private void flush() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            // the log still holds everything; the next start replays it
        }
    }

    private List<GroupingKey> journaledGroups() throws IOException, RocksDBException {
        List<GroupingKey> keys = new ArrayList<>();
        try (RocksIterator it = db().newIterator()) {
            for (it.seek(new byte[] {GROUP}); it.isValid() && it.key()[0] == GROUP; it.next()) {
                keys.add(GroupCodec.readGroupingKey(keyReader(it.key())));
            }
        }
        return keys;
    }

    /** The group's header and all its families, replacing what was journaled for it; none when null. */
    private void putWhole(WriteBatch batch, byte[] key, Group group) throws RocksDBException {
        deleteFamilies(batch, key);
        if (group == null) {
            batch.delete(prefixed(GROUP, key));
            return;
        }
        putHeader(batch, key, group);
        for (StoredFamily family : group.families().values()) {
            putOrDelete(batch, key, family.family().name(), family);
        }
    }

    private static void putHeader(WriteBatch batch, byte[] key, Group group) throws RocksDBException {
        batch.put(prefixed(GROUP, key), GroupCodec.encode(out -> {
            out.writeByte(GroupCodec.FORMAT);
            GroupCodec.writeGroupHeader(out, group);
        }));
    }

    private void putOrDelete(WriteBatch batch, byte[] key, String name, StoredFamily family) throws RocksDBException {
        byte[] familyKey = familyKey(key, name);
        if (family == null) {
            batch.delete(familyKey);
        } else {
            batch.put(familyKey, GroupCodec.encode(out -> {
                out.writeByte(GroupCodec.FORMAT);
                GroupCodec.writeFamily(out, family);
            }));
        }
    }

    /** Family names are UTF-8, which never holds the byte 0xFF, so {@code 'f' key 0xFF} ends the group's range. */
    private static void deleteFamilies(WriteBatch batch, byte[] key) throws RocksDBException {
        byte[] begin = prefixed(FAMILY, key);
        byte[] end = Arrays.copyOf(begin, begin.length + 1);
        end[begin.length] = (byte) 0xFF;
        batch.deleteRange(begin, end);
    }

    private static byte[] familyKey(byte[] key, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[1 + key.length + utf8.length];
        result[0] = FAMILY;
        System.arraycopy(key, 0, result, 1, key.length);
        System.arraycopy(utf8, 0, result, 1 + key.length, utf8.length);
        return result;
    }

    private static byte[] encodedKey(GroupingKey key) {
        return GroupCodec.encode(out -> GroupCodec.writeLabels(out, key.labels()));
    }

    private static byte[] prefixed(byte kind, byte[] rest) {
        byte[] result = new byte[rest.length + 1];
        result[0] = kind;
        System.arraycopy(rest, 0, result, 1, rest.length);
        return result;
    }

    private static ByteBuffer keyReader(byte[] key) {
        return ByteBuffer.wrap(key, 1, key.length - 1);
    }

    /** The length of the encoded grouping key that follows the kind byte. */
    private static int encodedKeyLength(byte[] key) throws IOException {
        ByteBuffer bytes = keyReader(key);
        GroupCodec.readLabels(bytes);
        return bytes.position() - 1;
    }

    private static ByteBuffer valueReader(byte[] value) {
        return valueReader(ByteBuffer.wrap(value));
    }

    /** The entry after its format byte, which must be one this version reads. */
    private static ByteBuffer valueReader(ByteBuffer entry) {
        if (!entry.hasRemaining() || !GroupCodec.readable(entry.get(0))) {
            throw new CorruptStateException("entry format " + (entry.hasRemaining() ? entry.get(0) : "missing")
                    + " is not the format " + GroupCodec.FORMAT + " this version reads");
        }
        return entry.position(1);
    }

}
