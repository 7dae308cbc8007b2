package stackdriver.pushgateway.persistence;

/**
 * State of another component that must survive a restart along with the groups, e.g. the Cloud Monitoring
 * writer's series start times and last written points. It is saved with every snapshot (snapshot mode) or
 * every {@code gateway.persistence.interval} and at shutdown (journal mode), so it may be up to one interval
 * old after a crash; it is handed back once, at registration, if a saved copy exists.
 */
public interface PersistentState {

    /** A stable name, unique among the registered states; the saved bytes are found again by it. */
    String name();

    /** The state as bytes; called from the saving thread while pushes go on, so it must be thread-safe. */
    byte[] save();

    /** Takes back what {@link #save()} returned in an earlier run. */
    void restore(byte[] saved);
}
