package stackdriver.pushgateway.persistence;

/**
 * Saved state that cannot be read back. The gateway refuses to start rather than start empty, because
 * starting empty would overwrite the saved groups at the next save.
 */
public class CorruptStateException extends RuntimeException {

    public CorruptStateException(String message) {
        super(message);
    }

    public CorruptStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
