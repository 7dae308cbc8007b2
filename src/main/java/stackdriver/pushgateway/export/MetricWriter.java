package stackdriver.pushgateway.export;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.common.util.concurrent.RateLimiter;
import com.google.monitoring.v3.ProjectName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request of points, asynchronously: no thread waits for an answer. UNAVAILABLE, DEADLINE_EXCEEDED
 * and RESOURCE_EXHAUSTED are retried with {@link Backoff} until the deadline (the end of the export interval:
 * the points keep their end time, and the next interval writes newer ones). A request that stored only some
 * series is never resent: the others are reported with the reasons Cloud Monitoring gave.
 */
public final class MetricWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MetricWriter.class);
    /** An attempt with less time than this left would only time out on our side and hide the real cause. */
    private static final long SHORTEST_ATTEMPT_NANOS = Duration.ofMillis(250).toNanos();
    private static final Set<StatusCode.Code> RETRIED = Set.of(StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.RESOURCE_EXHAUSTED);

    /** Runs a retry after its wait; tests replace it to see the waits without waiting. */
    public interface RetryTimer {
        /** @throws RejectedExecutionException when the gateway is stopping */
        void schedule(Duration wait, Runnable retry);
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
    /** {@code projects/<id>}: made once, not per request ({@link ProjectName#toString()} fills a path template) */
    private final String project;
    private final Duration requestTimeout;
    private final Backoff backoff;
    private final RetryTimer retryTimer;
    private final ExportMetrics metrics;
    /** Spaces requests out over the interval; null: no limit. */
    private final RateLimiter requestRate;
    private final CredentialsFailure credentialsFailure = new CredentialsFailure();

    public MetricWriter(MetricServiceConnection connection, ProjectName project, Duration requestTimeout, Backoff backoff,
            RetryTimer retryTimer, ExportMetrics metrics) {
        this(connection, project, requestTimeout, backoff, retryTimer, metrics, 0);
    }

    /** @param maxRequestsPerSecond attempts started per second at most, retries included; 0: no limit */
    public MetricWriter(MetricServiceConnection connection, ProjectName project, Duration requestTimeout, Backoff backoff,
            RetryTimer retryTimer, ExportMetrics metrics, double maxRequestsPerSecond) {
        this.requestRate = maxRequestsPerSecond > 0 ? RateLimiter.create(maxRequestsPerSecond) : null;
        this.connection = connection;
        this.project = project.toString();
        this.requestTimeout = requestTimeout;
        this.backoff = backoff;
        this.retryTimer = retryTimer;
        this.metrics = metrics;
    }

    /**
     * Starts writing the points, retrying until {@code deadlineNanos} ({@link System#nanoTime()}). The rate
     * limit, when set, is waited for on the calling thread (and on the timer's for retries). The outcome never
     * completes exceptionally.
     */
    public CompletableFuture<Outcome> write(List<PendingPoint> points, long deadlineNanos) {
        return writeAll(List.of(points), deadlineNanos).get(0);
    }

    /**
     * {@link #write} for several requests, encoded here and then started together on the connection's transport
     * thread ({@link MetricServiceConnection#startTogether}); with a rate limit, started here one by one as it
     * allows. The outcomes are in the order of the requests.
     */
    public List<CompletableFuture<Outcome>> writeAll(List<List<PendingPoint>> requests, long deadlineNanos) {
        List<Attempts> started = new ArrayList<>(requests.size());
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(requests.size());
        for (List<PendingPoint> points : requests) {
            Attempts attempts = new Attempts(EncodedRequest.of(project, points), points.size(), deadlineNanos);
            started.add(attempts);
            outcomes.add(attempts.outcome);
        }
        if (requestRate != null) {
            started.forEach(Attempts::start);
        } else {
            try {
                connection.startTogether(() -> started.forEach(Attempts::start));
            } catch (RejectedExecutionException stopping) {
                started.forEach(attempts -> attempts.outcome.complete(
                        allFailed(attempts.size, "interrupted", "the gateway is stopping", 0)));
            }
        }
        return outcomes;
    }

    /** The attempts at one request, each started when the one before it failed and its backoff is over. */
    private final class Attempts {
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private final EncodedRequest request;
        private final int size;
        private final long deadlineNanos;
        private int attempt;
        /** Why the last attempt failed, when it is to be retried. */
        private ApiException retried;

        Attempts(EncodedRequest request, int size, long deadlineNanos) {
            this.request = request;
            this.size = size;
            this.deadlineNanos = deadlineNanos;
        }

        void start() {
            try {
                if (requestRate != null) {
                    requestRate.acquire();
                }
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining < SHORTEST_ATTEMPT_NANOS) {
                    outcome.complete(retried != null ? retriedUntilTheEnd(retried)
                            : allFailed(size, "export_interval_over",
                                    "the export interval ended before Cloud Monitoring accepted the request", attempt));
                    return;
                }
                attempt++;
                Duration timeout = Duration.ofNanos(Math.min(remaining, requestTimeout.toNanos()));
                connection.createTimeSeries(request, timeout, this::answered);
            } catch (RuntimeException e) {
                metrics.request("UNKNOWN");
                outcome.complete(allFailed(size, "client_error", String.valueOf(e), attempt));
            }
        }

        private void answered(ApiException e) {
            try {
                if (e == null) {
                    credentialsFailure.succeeded();
                    metrics.request("OK");
                    outcome.complete(new Outcome(size, Map.of(), attempt));
                } else {
                    failed(e);
                }
            } catch (RuntimeException unexpected) {
                outcome.complete(allFailed(size, "client_error", String.valueOf(unexpected), attempt));
            }
        }

        private void failed(ApiException e) {
            StatusCode.Code code = e.getStatusCode().getCode();
            metrics.request(code.name());
            PartialFailure partial = PartialFailure.of(e);
            if (partial != null) {
                outcome.complete(partialOutcome(size, partial, attempt));
                return;
            }
            String credentials = credentialsFailure.reason(e);
            if (credentials != null && !RETRIED.contains(code)) {
                outcome.complete(allFailed(size, CredentialsFailure.CAUSE, credentials, attempt));
                return;
            }
            if (!RETRIED.contains(code)) {
                outcome.complete(allFailed(size, code.name().toLowerCase(Locale.ROOT), message(e), attempt));
                return;
            }
            Duration wait = backoff.delay(attempt - 1);
            if (System.nanoTime() + wait.toNanos() + SHORTEST_ATTEMPT_NANOS >= deadlineNanos) {
                outcome.complete(retriedUntilTheEnd(e));
                return;
            }
            LOG.debug("CreateTimeSeries failed with {}; retry {} in {} ms", code, attempt, wait.toMillis());
            metrics.retry(wait);
            if (code == StatusCode.Code.UNAVAILABLE) {
                connection.resetConnectBackoff();
            }
            retried = e;
            try {
                retryTimer.schedule(wait, this::start);
            } catch (RejectedExecutionException stopping) {
                outcome.complete(allFailed(size, "interrupted", "the gateway is stopping", attempt));
            }
        }

        private Outcome retriedUntilTheEnd(ApiException last) {
            return allFailed(size, last.getStatusCode().getCode().name().toLowerCase(Locale.ROOT), message(last)
                    + " (retried " + (attempt - 1) + " times until the export interval ended)", attempt);
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
