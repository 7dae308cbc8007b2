package stackdriver.pushgateway.persistence;

import java.util.Collection;
import java.util.function.Predicate;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.InconsistentPushException;
import stackdriver.pushgateway.store.PushRequest;

/**
 * The store in journal mode: each push, conditional delete and wipe is applied, then synced to the journal before this returns,
 * so that whatever answers after it (a 2xx, a Pub/Sub acknowledgement) answers for something on disk.
 */
final class JournaledGroupStore implements GroupStore {

    private final GroupStore store;
    private final PushJournal journal;

    JournaledGroupStore(GroupStore store, PushJournal journal) {
        this.store = store;
        this.journal = journal;
    }

    /** A rejected push is journaled too: it set its group's failure time (and created the group if new). */
    @Override
    public void apply(PushRequest request) throws InconsistentPushException {
        try {
            store.apply(request);
        } catch (InconsistentPushException rejected) {
            try {
                journal.record(request);
            } catch (RuntimeException e) {
                rejected.addSuppressed(e);
            }
            throw rejected;
        }
        journal.record(request);
    }

    /** Journaled as a DELETE of the group: the journal then holds what the store holds for it. */
    @Override
    public boolean deleteIf(GroupingKey key, Predicate<Group> condition) {
        boolean deleted = store.deleteIf(key, condition);
        if (deleted) {
            journal.record(PushRequest.delete(key));
        }
        return deleted;
    }

    @Override
    public void wipe() {
        store.wipe();
        journal.recordWipe();
    }

    @Override
    public Collection<Group> groups() {
        return store.groups();
    }

    @Override
    public Group group(GroupingKey key) {
        return store.group(key);
    }

    /** Not journaled: a restored group was read from the journal. */
    @Override
    public void restore(Group group) {
        store.restore(group);
    }
}
