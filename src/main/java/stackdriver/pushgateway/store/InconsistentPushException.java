package stackdriver.pushgateway.store;

/** A push that parsed but cannot be stored: timestamps, a duplicate series, or a type clash with another group. */
public class InconsistentPushException extends Exception {
    public InconsistentPushException(String reason) {
        super("pushed metrics are invalid or inconsistent with existing metrics: " + reason);
    }
}
