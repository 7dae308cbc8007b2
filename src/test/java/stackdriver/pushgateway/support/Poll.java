package stackdriver.pushgateway.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition with a deadline: the tests' only way to wait for something asynchronous. */
public final class Poll {

    private Poll() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll interval, not synchronisation
        }
    }
}
