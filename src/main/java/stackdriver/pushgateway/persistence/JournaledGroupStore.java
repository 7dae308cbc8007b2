package stackdriver.pushgateway.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import stackdriver.pushgateway.store.ForwardingGroupStore;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.GroupLocks;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.InconsistentPushException;
import stackdriver.pushgateway.store.PushRequest;
import stackdriver.pushgateway.store.StoreUnavailableException;

/**
 * The store in journal mode: each push, conditional delete and wipe is applied, then synced to the journal before
 * this returns, so that whatever answers after it (a 2xx, a Pub/Sub acknowledgement) answers for something on disk.
 * A change the journal cannot write is undone (the group is put back as it was) and refused with
 * {@link StoreUnavailableException}; so is every change while the journal cannot write.
 */
final class JournaledGroupStore extends ForwardingGroupStore {

    private final PushJournal journal;
    private final JournalHealth health;
    /** A push to a group is applied, journaled and, if need be, undone before the next push to it is applied. */
    private final GroupLocks groupLocks = new GroupLocks();

    JournaledGroupStore(GroupStore store, PushJournal journal, JournalHealth health) {
        super(store);
        this.journal = journal;
        this.health = health;
    }

    /** A rejected push is journaled too: it set its group's failure time (and created the group if new). */
    @Override
    public void apply(PushRequest request) throws InconsistentPushException {
        health.checkWritable();
        ReentrantLock lock = groupLocks.of(request.key());
        lock.lock();
        try {
            Group before = store.group(request.key());
            try {
                store.apply(request);
            } catch (InconsistentPushException rejected) {
                record(request, before);
                throw rejected;
            }
            record(request, before);
        } finally {
            lock.unlock();
        }
    }

    private void record(PushRequest request, Group before) {
        try {
            journal.record(request);
        } catch (JournalWriteException e) {
            putBack(request.key(), before);
            throw health.failed(e);
        }
    }

    /** Undoes a push that the journal did not take: the group as it was, or no group. */
    private void putBack(GroupingKey key, Group before) {
        try {
            store.apply(PushRequest.delete(key));
        } catch (InconsistentPushException e) {
            throw new IllegalStateException("a delete cannot be inconsistent", e);
        }
        if (before != null) {
            store.restore(before);
        }
    }

    /** Journaled as a DELETE of the group: the journal then holds what the store holds for it. */
    @Override
    public boolean deleteIf(GroupingKey key, Predicate<Group> condition) {
        health.checkWritable();
        ReentrantLock lock = groupLocks.of(key);
        lock.lock();
        try {
            Group before = store.group(key);
            boolean deleted = store.deleteIf(key, condition);
            if (deleted) {
                try {
                    journal.record(PushRequest.delete(key));
                } catch (JournalWriteException e) {
                    store.restore(before);
                    throw health.failed(e);
                }
            }
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wipe() {
        health.checkWritable();
        List<Group> before = new ArrayList<>(store.groups());
        store.wipe();
        try {
            journal.recordWipe();
        } catch (JournalWriteException e) {
            for (Group group : before) {
                if (store.group(group.key()) == null) {
                    store.restore(group);
                }
            }
            throw health.failed(e);
        }
    }

    /** Not journaled: a restored group was read from the journal. */
    @Override
    public void restore(Group group) {
        store.restore(group);
    }
}
