package stackdriver.pushgateway.store;

import java.util.Collection;

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

    /** Deletes every group. */
    void wipe();

    Collection<Group> groups();

    /** The group, or null when none is stored under the key. */
    Group group(GroupingKey key);

    /** Puts back a group read from persistence, as it was. */
    void restore(Group group);
}
