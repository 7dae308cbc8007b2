package stackdriver.pushgateway.persistence;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registered {@link PersistentState}s. A state saved by an earlier run but not registered in this one
 * (its component is switched off, say) is kept and saved again, so that switching a component off for one
 * run does not lose its state.
 */
public final class PersistentStates {

    private final Map<String, PersistentState> registered = new LinkedHashMap<>();
    private final Map<String, byte[]> saved = new LinkedHashMap<>();

    /** Registers a state, and hands it its saved copy at once if there is one. */
    public synchronized void register(PersistentState state) {
        if (registered.putIfAbsent(state.name(), state) != null) {
            throw new IllegalArgumentException("a persistent state named " + state.name() + " is already registered");
        }
        byte[] copy = saved.get(state.name());
        if (copy != null) {
            state.restore(copy);
        }
    }

    /** Every state's bytes, to be saved now. */
    public synchronized Map<String, byte[]> save() {
        Map<String, byte[]> all = new LinkedHashMap<>(saved);
        registered.forEach((name, state) -> all.put(name, state.save()));
        return all;
    }

    /**
     * States read back (at start, or from a peer replica's snapshot), before or after the components registered:
     * each registered one restores its copy now, the others are kept for when they register, or to be saved.
     */
    synchronized void restored(Map<String, byte[]> states) {
        states.forEach((name, bytes) -> {
            PersistentState state = registered.get(name);
            if (state != null) {
                state.restore(bytes);
            } else {
                saved.put(name, bytes);
            }
        });
    }
}
