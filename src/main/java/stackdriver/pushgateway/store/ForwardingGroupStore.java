package stackdriver.pushgateway.store;

import java.util.Collection;

/** A store that adds to another one's writes: its reads are the other store's as they are. */
public abstract class ForwardingGroupStore implements GroupStore {

    protected final GroupStore store;

    protected ForwardingGroupStore(GroupStore store) {
        this.store = store;
    }

    @Override
    public final Collection<Group> groups() {
        return store.groups();
    }

    @Override
    public final Group group(GroupingKey key) {
        return store.group(key);
    }
}
