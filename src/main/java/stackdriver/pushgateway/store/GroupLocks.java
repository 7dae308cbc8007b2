package stackdriver.pushgateway.store;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks by group, for a decorator of the store that reads a group before and after changing it: pushes to one group
 * are serialized, pushes to others go on. A fixed set of locks shared by hash (a lock per group would be a map entry
 * per group to create and remove); {@link #lockAll()} stops every push, for a wipe or a reopen.
 */
public final class GroupLocks {
    private final ReentrantLock[] locks = new ReentrantLock[64];

    public GroupLocks() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The lock of the group's key (shared with other keys of the same hash). */
    public ReentrantLock of(GroupingKey key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    public void lockAll() {
        for (ReentrantLock lock : locks) {
            lock.lock();
        }
    }

    public void unlockAll() {
        for (int i = locks.length - 1; i >= 0; i--) {
            locks[i].unlock();
        }
    }
}
