package stackdriver.pushgateway.export;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.common.util.concurrent.RateLimiter;
import com.google.monitoring.v3.ProjectName;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request of points. UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED are retried with
 * {@link Backoff} until the deadline (the end of the export interval: the points keep their end time, and the
 * next interval writes newer ones). A request that stored only some series is never resent: the others are
 * reported with the reasons Cloud Monitoring gave.
 */
public final class MetricWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MetricWriter.class);
    /** An attempt with less time than this left would only time out on our side and hide the real cause. */
    private static final long SHORTEST_ATTEMPT_NANOS = Duration.ofMillis(250).toNanos();
    private static final Set<StatusCode.Code> RETRIED = Set.of(StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.RESOURCE_EXHAUSTED);

    /** Waits between retries; tests replace it to see the waits without sleeping. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Why one series of a request was not written.
     *
     * @param permanent Cloud Monitoring refused the series itself: writing it again as it is would fail again
     */
    public record Failure(String cause, String reason, boolean permanent) {
    }

    /** What became of a request: points written, and the failed series by their index in the request. */
    public record Outcome(int written, Map<Integer, Failure> failures, int attempts) {
    }

    private final MetricServiceConnection connection;
    private final ProjectName project;
    private final Duration requestTimeout;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final ExportMetrics metrics;
    /** Spaces requests out over the interval; null: no limit. */
    private final RateLimiter requestRate;

    public MetricWriter(MetricServiceConnection connection, ProjectName project, Duration requestTimeout, Backoff backoff,
            Sleeper sleeper, ExportMetrics metrics) {
        this(connection, project, requestTimeout, backoff, sleeper, metrics, 0);
    }

    /** @param maxRequestsPerSecond attempts started per second at most, retries included; 0: no limit */
    public MetricWriter(MetricServiceConnection connection, ProjectName project, Duration requestTimeout, Backoff backoff,
            Sleeper sleeper, ExportMetrics metrics, double maxRequestsPerSecond) {
        this.requestRate = maxRequestsPerSecond > 0 ? RateLimiter.create(maxRequestsPerSecond) : null;
        this.connection = connection;
        this.project = project;
        this.requestTimeout = requestTimeout;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.metrics = metrics;
    }

    /** Writes the points, retrying until {@code deadlineNanos} ({@link System#nanoTime()}). Never throws. */
    public Outcome write(List<PendingPoint> points, long deadlineNanos) {
        EncodedRequest request = EncodedRequest.of(project.toString(), points);
        int attempt = 0;
        while (true) {
            if (requestRate != null) {
                requestRate.acquire();
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining < SHORTEST_ATTEMPT_NANOS) {
                return allFailed(points.size(), "export_interval_over",
                        "the export interval ended before Cloud Monitoring accepted the request", attempt);
            }
            attempt++;
            Duration timeout = Duration.ofNanos(Math.min(remaining, requestTimeout.toNanos()));
            try {
                connection.createTimeSeries(request, timeout);
                metrics.request("OK");
                return new Outcome(points.size(), Map.of(), attempt);
            } catch (ApiException e) {
                StatusCode.Code code = e.getStatusCode().getCode();
                metrics.request(code.name());
                PartialFailure partial = PartialFailure.of(e);
                if (partial != null) {
                    return partialOutcome(points.size(), partial, attempt);
                }
                String cause = code.name().toLowerCase(Locale.ROOT);
                if (!RETRIED.contains(code)) {
                    return allFailed(points.size(), cause, message(e), attempt);
                }
                Duration wait = backoff.delay(attempt - 1);
                if (System.nanoTime() + wait.toNanos() + SHORTEST_ATTEMPT_NANOS >= deadlineNanos) {
                    return allFailed(points.size(), cause, message(e) + " (retried " + (attempt - 1)
                            + " times until the export interval ended)", attempt);
                }
                LOG.debug("CreateTimeSeries failed with {}; retry {} in {} ms", code, attempt, wait.toMillis());
                metrics.retry(wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return allFailed(points.size(), "interrupted", "the gateway is stopping", attempt);
                }
            } catch (RuntimeException e) {
                metrics.request("UNKNOWN");
                return allFailed(points.size(), "client_error", String.valueOf(e), attempt);
            }
        }
    }

    private static Outcome partialOutcome(int size, PartialFailure partial, int attempts) {
        Map<Integer, Failure> failures = new LinkedHashMap<>();
        partial.reasons().forEach((index, reason) -> {
            if (index < size) {
                String cause = PartialFailure.cause(reason);
                failures.put(index, new Failure(cause, reason, !PartialFailure.transientCause(cause)));
            }
        });
        int written = size - failures.size();
        if (partial.summary() != null && failures.isEmpty()) {
            // a summary without a message we can read: we cannot tell which series failed
            written = partial.summary().getSuccessPointCount();
        }
        return new Outcome(written, failures, attempts);
    }

    private static Outcome allFailed(int size, String cause, String reason, int attempts) {
        Map<Integer, Failure> failures = new LinkedHashMap<>();
        Failure failure = new Failure(cause, reason, false);
        for (int i = 0; i < size; i++) {
            failures.put(i, failure);
        }
        return new Outcome(0, failures, attempts);
    }

    private static String message(ApiException e) {
        return e.getStatusCode().getCode() + ": " + e.getMessage();
    }
}
