package stackdriver.pushgateway.emulator;

import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults injected into the write calls (CreateTimeSeries, CreateServiceTimeSeries), so that a
 * writer's retries and deadlines can be tested: the next N calls fail, or all calls fail until a
 * time on the emulator's clock, or every call is answered late. Reads are never affected, so a
 * test can always look at what was stored. A failed call stores nothing.
 */
public final class Faults {
    private final Clock clock;
    private Status.Code nextCode;
    private int nextCount;
    private Status.Code untilCode;
    private Instant until = Instant.MIN;
    private Duration delay = Duration.ZERO;

    Faults(Clock clock) {
        this.clock = clock;
    }

    /** The next {@code count} write calls fail with {@code code}. */
    public synchronized Faults failNext(Status.Code code, int count) {
        this.nextCode = Objects.requireNonNull(code);
        this.nextCount = count;
        return this;
    }

    /** Write calls fail with {@code code} from now until {@code duration} has passed on the emulator's clock. */
    public synchronized Faults failFor(Status.Code code, Duration duration) {
        this.untilCode = Objects.requireNonNull(code);
        this.until = clock.instant().plus(duration);
        return this;
    }

    /** Every write call is answered after {@code delay} of real time (to exercise client deadlines). */
    public synchronized Faults delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay);
        return this;
    }

    /** No more faults. */
    public synchronized Faults clear() {
        nextCode = null;
        nextCount = 0;
        untilCode = null;
        until = Instant.MIN;
        delay = Duration.ZERO;
        return this;
    }

    synchronized Duration currentDelay() {
        return delay;
    }

    /** The failure this call gets, if any; consumes one of the {@link #failNext} failures. */
    synchronized Optional<Status> take() {
        if (nextCount > 0) {
            nextCount--;
            return Optional.of(statusOf(nextCode));
        }
        if (untilCode != null && clock.instant().isBefore(until)) {
            return Optional.of(statusOf(untilCode));
        }
        return Optional.empty();
    }

    /** The messages Google sends with these codes, so that log lines in tests look like production ones. */
    private static Status statusOf(Status.Code code) {
        String message = switch (code) {
            case UNAVAILABLE -> "The service is currently unavailable.";
            case RESOURCE_EXHAUSTED -> "Quota exceeded for quota metric 'Time series ingestion requests' and limit"
                    + " 'Time series ingestion requests per minute' of service 'monitoring.googleapis.com'.";
            case DEADLINE_EXCEEDED -> "Deadline expired before operation could complete.";
            case INTERNAL -> "Internal error encountered.";
            default -> "Fault injected by the emulator.";
        };
        return code.toStatus().withDescription(message);
    }
}
