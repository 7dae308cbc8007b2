package stackdriver.pushgateway.store;

import java.util.Collection;
import java.util.function.Predicate;

/**
 * The pushed groups as everything outside this package sees them: pushes applied whole with the Pushgateway's
 * PUT/POST/DELETE semantics, the admin wipe, reads of whole groups, and groups put back from persistence.
 */
public interface GroupStore {

    /**
     * Applies a push. A push that fails validation changes no metric, but marks its group as failed (creating it
     * if new), as the Pushgateway does, and then throws.
     */
    void apply(PushRequest request) throws InconsistentPushException;

    /**
     * Deletes the group as a DELETE would, but only if it is stored and {@code condition} holds of it when it is
     * removed (atomically with pushes to it, so a push that lands first keeps its group). True when deleted.
     */
    boolean deleteIf(GroupingKey key, Predicate<Group> condition);

    /** Deletes every group. */
    void wipe();

    Collection<Group> groups();

    /** The group, or null when none is stored under the key. */
    Group group(GroupingKey key);

    /** Puts back a group read from persistence, as it was. */
    void restore(Group group);
}
