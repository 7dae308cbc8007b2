package stackdriver.pushgateway.export;

import com.google.auth.Retryable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that failed because the credentials gave no token (a token endpoint that refuses or cannot be reached,
 * a revoked key): logged once when it starts, with the auth library's own reason, and once when tokens come again,
 * rather than once for every series of every request. The export keeps trying every interval meanwhile.
 */
final class CredentialsFailure {
    static final String CAUSE = "credentials";
    private static final Logger LOG = LoggerFactory.getLogger("stackdriver.pushgateway.export");

    private final AtomicBoolean failing = new AtomicBoolean();

    /** The auth library's reason when {@code failure} came from the credentials, else null; logged if new. */
    String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // the errors of Google's auth library are the ones that say whether a retry may help
            if (cause instanceof Retryable) {
                String reason = "the credentials gave no access token: " + oneLine(cause.getMessage());
                if (failing.compareAndSet(false, true)) {
                    LOG.warn("Cannot write to Cloud Monitoring: {}. The export tries again every interval.", reason);
                }
                return reason;
            }
        }
        return null;
    }

    void succeeded() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            LOG.info("The credentials give access tokens again: writing to Cloud Monitoring");
        }
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
