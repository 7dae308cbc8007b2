package stackdriver.pushgateway.persistence;

/** RocksDB refused a write: the disk is full, read-only, or failing. */
final class JournalWriteException extends RuntimeException {
    JournalWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
