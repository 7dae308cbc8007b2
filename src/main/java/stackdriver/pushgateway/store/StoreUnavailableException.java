package stackdriver.pushgateway.store;

/**
 * The store cannot take writes for now (in journal mode: the journal cannot write to disk). The push or wipe
 * changed nothing; the same request can succeed later, so a transport answers 503 and Pub/Sub redelivers.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
