package stackdriver.pushgateway.push;

/** A push answered with an HTTP error and a one-line reason; nothing was stored. */
public class PushRejectedException extends RuntimeException {
    private final int status;

    public PushRejectedException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
