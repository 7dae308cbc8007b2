package stackdriver.pushgateway.persistence;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.StoreUnavailableException;

/**
 * {@code gateway.persistence.*}: restores the store when opened (or, for the gateway, in the background while Camel
 * starts), then saves it as the mode says.
 * <ul>
 * <li>no {@code file}: nothing is saved;
 * <li>{@code mode=snapshot}: every group is written to {@code file} every {@code interval} and when the
 *     gateway stops (the Pushgateway's behaviour: a crash loses up to one interval);
 * <li>{@code mode=journal}: {@code file} is a RocksDB directory and each push is synced to it before
 *     the answer; nothing acknowledged is lost by a crash.
 * </ul>
 * Registered {@link PersistentState}s are saved with the groups (snapshot mode) or into the RocksDB directory
 * (journal mode) every interval, at stop, and whenever {@link #save()} is called.
 */
public final class Persistence implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);

    private final GroupStore store;
    /** the store, journaled in journal mode */
    private final GroupStore handedOut;
    private final Duration interval;
    /** gateway.persistence.file, or null */
    private final Path file;
    private final SnapshotFile snapshot;
    private final PushJournal journal;
    /** whether the journal writes; null unless in journal mode */
    private final JournalHealth journalHealth;
    private final PersistentStates states = new PersistentStates();
    /** Held while saving, so that no save reaches the journal once it is closed. */
    private final Object saving = new Object();
    private ScheduledExecutorService saver;
    /** Done once the saved store is back: at once when opened with {@link #open}. */
    private volatile CompletableFuture<Void> restoring = CompletableFuture.completedFuture(null);
    private boolean stopped;
    private boolean closed;

    private Persistence(GroupStore store, Duration interval, Path file, SnapshotFile snapshot, PushJournal journal) {
        this.store = store;
        this.file = file;
        this.journalHealth = journal == null ? null : new JournalHealth(journal);
        this.handedOut = journal == null ? store : new JournaledGroupStore(store, journal, journalHealth);
        this.interval = interval;
        this.snapshot = snapshot;
        this.journal = journal;
    }

    /** Opens and restores; fails with {@link CorruptStateException} rather than start without saved groups. */
    public static Persistence open(GatewaySettings settings, GroupStore store) {
        Persistence persistence = opened(settings, store);
        persistence.restore();
        return persistence;
    }

    /**
     * Opens, and restores on a thread of its own while the caller goes on (the gateway starts Camel meanwhile: a
     * restore of 1,000,000 series and Camel's start each take about a second); {@link #awaitRestored()} waits for
     * it. Nothing is saved until it has succeeded, so that a start that fails midway never writes what it had
     * restored so far over the saved store.
     */
    public static Persistence openRestoringInBackground(GatewaySettings settings, GroupStore store) {
        Persistence persistence = opened(settings, store);
        CompletableFuture<Void> restoring = new CompletableFuture<>();
        persistence.restoring = restoring;
        Thread thread = new Thread(() -> {
            try {
                persistence.restore();
                restoring.complete(null);
            } catch (Throwable e) {
                restoring.completeExceptionally(e);
            }
        }, "restore");
        thread.setDaemon(true);
        thread.start();
        return persistence;
    }

    /** Waits for a restore begun in the background; throws what stopped it (a damaged file: CorruptStateException). */
    public void awaitRestored() {
        try {
            restoring.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private boolean restored() {
        return restoring.isDone() && !restoring.isCompletedExceptionally();
    }

    private static Persistence opened(GatewaySettings settings, GroupStore store) {
        String file = settings.get("gateway.persistence.file", "");
        Duration interval = settings.getDuration("gateway.persistence.interval");
        String mode = settings.get("gateway.persistence.mode", "snapshot").toLowerCase(Locale.ROOT);
        if (!mode.equals("snapshot") && !mode.equals("journal")) {
            throw new IllegalArgumentException("setting gateway.persistence.mode must be snapshot or journal, not \"" + mode + "\"");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("setting gateway.persistence.interval must be positive");
        }
        Persistence persistence;
        if (file.isEmpty()) {
            persistence = new Persistence(store, interval, null, null, null);
        } else if (mode.equals("journal")) {
            persistence = new Persistence(store, interval, Path.of(file), null,
                    PushJournal.openedByRestore(Path.of(file), store));
        } else {
            persistence = new Persistence(store, interval, Path.of(file), new SnapshotFile(Path.of(file)), null);
        }
        return persistence;
    }

    public PersistentStates states() {
        return states;
    }

    /** The store to apply pushes and wipes to: in journal mode each is on disk when it returns. */
    public GroupStore store() {
        return handedOut;
    }

    /** Why pushes cannot be saved now (the journal cannot write), or empty when they can: the gateway is not ready. */
    public Optional<String> unavailable() {
        return journalHealth == null ? Optional.empty() : journalHealth.unavailable();
    }

    /** Whether anything is saved: false without {@code gateway.persistence.file}. */
    public boolean saves() {
        return file != null;
    }

    /** {@code <gateway.persistence.file><suffix>}, where earlier versions kept other state; empty when nothing is saved. */
    public Optional<Path> besideFile(String suffix) {
        return saves() ? Optional.of(file.resolveSibling(file.getFileName() + suffix)) : Optional.empty();
    }

    @Override
    public synchronized void start() {
        if (saver != null || !saves()) {
            return;
        }
        saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "persistence");
            thread.setDaemon(true);
            return thread;
        });
        saver.scheduleWithFixedDelay(this::saveLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        if (journalHealth != null) {
            saver.scheduleWithFixedDelay(this::tryResume, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Saves a last time and closes; the gateway has stopped taking pushes by then. */
    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (saver != null) {
            saver.shutdown();
            try {
                saver.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the restore reads the journal, which is closed below
        restoring.handle((done, failure) -> null).join();
        synchronized (saving) {
            saveLogged();
            closed = true;
            if (journal != null) {
                journal.close();
            }
        }
    }

    /** Writes the snapshot (snapshot mode) or the registered states (journal mode) now; nothing once stopped. */
    public void save() throws IOException {
        synchronized (saving) {
            if (closed || !restored()) {
                return;
            }
            if (snapshot != null) {
                snapshot.write(store.groups(), states.save());
            } else if (journal != null) {
                try {
                    journal.saveStates(states.save());
                } catch (JournalWriteException e) {
                    throw journalHealth.failed(e);
                }
            }
        }
    }

    /**
     * Every group and state, in the snapshot file's layout, for a new replica to start from (see
     * {@link #seed(SnapshotContents, GroupStore)}).
     */
    public void writeSnapshot(OutputStream out) throws IOException {
        SnapshotFile.write(new DataOutputStream(out), store.groups(), states.save());
    }

    /**
     * Takes a peer replica's snapshot into this empty store, and saves it at once (in journal mode, in one synced
     * write), so that a crash does not lose what the subscription will not bring again.
     *
     * @param through the store the groups are put back through, so that its decorators (the series budget) count them
     */
    public void seed(SnapshotContents contents, GroupStore through) throws IOException {
        contents.groups().forEach(through::restore);
        states.restored(contents.states());
        if (journal != null) {
            try {
                journal.recordGroups(contents.groups().stream().map(Group::key).toList());
            } catch (JournalWriteException e) {
                throw journalHealth.failed(e);
            }
        }
        save();
    }

    private void tryResume() {
        synchronized (saving) {
            if (!closed) {
                journalHealth.tryResume();
            }
        }
    }

    private void saveLogged() {
        if (unavailable().isPresent()) {
            return; // said once already; the states are saved again at the next interval after the journal writes
        }
        try {
            save();
        } catch (StoreUnavailableException e) {
            // the journal's health said it once
        } catch (IOException | RuntimeException e) {
            LOG.error("saving the store failed; the next save tries again", e);
        }
    }

    private void restore() {
        if (snapshot != null) {
            snapshot.read().ifPresent(contents -> {
                contents.groups().forEach(store::restore);
                states.restored(contents.states());
                LOG.info("restored {} groups from {}", contents.groups().size(), snapshot.path());
            });
        } else if (journal != null) {
            states.restored(journal.restore());
            LOG.info("restored {} groups from the journal", store.groups().size());
        }
    }
}
