package stackdriver.pushgateway.export;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * {@code initial × 2ⁿ} (capped at {@code max}), so that gateways that failed together do not retry together,
 * and no wait is shorter than the one before it until the cap.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    public Backoff(Duration initial, Duration max) {
        this(initial, max, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The wait before retry number {@code retry} (0 for the first retry). */
    public Duration delay(int retry) {
        double base = Math.min(max.toNanos(), initial.toNanos() * Math.pow(2, Math.min(retry, 40)));
        return Duration.ofNanos((long) (base / 2 + base / 2 * random.getAsDouble()));
    }
}
