package stackdriver.pushgateway.persistence;

/**
 * State of another component that must survive a restart along with the groups, e.g. the export's series start
 * times. It is saved with every snapshot (snapshot mode) or into the journal (journal mode): every
 * {@code gateway.persistence.interval}, at shutdown, and when the component calls {@link Persistence#save()}
 * (the export does after each cycle); it is handed back once, at registration, if a saved copy exists.
 */
public interface PersistentState {

    /** A stable name, unique among the registered states; the saved bytes are found again by it. */
    String name();

    /** The state as bytes; called from the saving thread while pushes go on, so it must be thread-safe. */
    byte[] save();

    /** Takes back what {@link #save()} returned in an earlier run. */
    void restore(byte[] saved);
}
