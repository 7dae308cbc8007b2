package stackdriver.pushgateway.ingest;

/** A push answered with an HTTP error and a one-line reason; nothing was stored. */
public class PushRejectedException extends RuntimeException {
    private final int status;
    private final String location;

    public PushRejectedException(int status, String reason) {
        this(status, reason, null);
    }

    private PushRejectedException(int status, String reason, String location) {
        super(reason, null, false, false);
        this.status = status;
        this.location = location;
    }

    /** A 307 redirect, as the reference answers {@code /metrics/job/}. */
    public static PushRejectedException redirect(String location) {
        return new PushRejectedException(307, "", location);
    }

    /** The Location of a redirect, or null. */
    public String location() {
        return location;
    }

    public int status() {
        return status;
    }
}
