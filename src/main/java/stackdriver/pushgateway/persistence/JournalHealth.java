package stackdriver.pushgateway.persistence;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.store.StoreUnavailableException;

/**
 * Whether the journal writes. After a failed write (a full disk, say) every push is refused at once, without
 * touching the store, until {@link #tryResume()} proves the journal writes again. The log says so once per
 * change of state, not once per refused push.
 */
final class JournalHealth {

    private static final Logger LOG = LoggerFactory.getLogger(JournalHealth.class);

    private final PushJournal journal;
    /** why the journal cannot write; null while it writes */
    private volatile String failure;

    JournalHealth(PushJournal journal) {
        this.journal = journal;
    }

    /** Throws, naming the cause, while the journal cannot write. */
    void checkWritable() {
        String reason = failure;
        if (reason != null) {
            throw new StoreUnavailableException(reason);
        }
    }

    /** Why the journal cannot write, or empty while it writes. */
    Optional<String> unavailable() {
        return Optional.ofNullable(failure);
    }

    /** Notes a failed write and returns the exception to refuse the push with. */
    synchronized StoreUnavailableException failed(JournalWriteException e) {
        String reason = e.getMessage() + "; pushes, deletes and wipes are refused until it writes again";
        if (failure == null) {
            LOG.error("{}. The gateway is not ready (503 on /-/ready) and tries again every second.", reason);
        }
        failure = reason;
        return new StoreUnavailableException(reason);
    }

    /** While failing: clears RocksDB's error state and tries a write; logs once when the journal writes again. */
    synchronized void tryResume() {
        if (failure == null) {
            return;
        }
        try {
            journal.resume();
        } catch (JournalWriteException stillFailing) {
            LOG.debug("the journal still cannot write", stillFailing);
            return;
        }
        failure = null;
        LOG.info("the journal {} writes again; pushes are accepted", journal.directory());
    }
}
