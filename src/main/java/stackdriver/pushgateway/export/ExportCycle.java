package stackdriver.pushgateway.export;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.MetricStore;

/**
 * One export interval: every series of every stored group becomes one point ending now, sent in requests of
 * at most 200 series, several at a time. Cycles never overlap; one that fails leaves the next to write again.
 */
public final class ExportCycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExportCycle.class);

    /** Every group as it was at one instant, which is the end time of every point written from it. */
    public record Snapshot(List<Group> groups, Instant at) {
    }

    /** What one interval wrote: points written, requests sent, and every series not written with the reason. */
    public record Report(int written, int requests, List<SeriesRejection> notWritten) {
    }

    /** A series Cloud Monitoring refused as it is: not sent again until its family is pushed again. */
    private record Refused(Instant pushedAt, SeriesRejection rejection) {
    }

    private final MetricStore store;
    private final MappedSeries mapped;
    private final SeriesHistory history;
    private final SeriesHistoryFile historyFile;
    private final CustomDescriptors descriptors;
    private final MetricWriter writer;
    private final ExportStatus status;
    private final ExportMetrics metrics;
    private final Clock clock;
    private final Duration interval;
    private final ExecutorService requests;
    private final TimeSeriesBatcher batcher = new TimeSeriesBatcher();
    private final Map<SeriesId, Refused> refused = new HashMap<>();
    private final RejectionLog rejectionLog = new RejectionLog();
    private boolean lastCycleSuccessful;

    /** @param historyFile where start times are kept across restarts, or null; @param descriptors null unless custom naming */
    public ExportCycle(MetricStore store, TimeSeriesMapper mapper, SeriesHistory history, SeriesHistoryFile historyFile,
            CustomDescriptors descriptors, MetricWriter writer, ExportStatus status, ExportMetrics metrics, Clock clock,
            Duration interval, ExecutorService requests) {
        this.store = store;
        this.mapped = new MappedSeries(mapper);
        this.history = history;
        this.historyFile = historyFile;
        this.descriptors = descriptors;
        this.writer = writer;
        this.status = status;
        this.metrics = metrics;
        this.clock = clock;
        this.interval = interval;
        this.requests = requests;
    }

    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(store.groups()), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Takes a snapshot and writes it: what the export route does every interval. */
    public Report runOnce() {
        return write(snapshot());
    }

    /** Writes the snapshot; retries end before the interval does. Never throws. */
    public synchronized Report write(Snapshot snapshot) {
        long started = System.nanoTime();
        try {
            return writeWithin(snapshot, started + interval.toNanos() * 9 / 10);
        } catch (RuntimeException e) {
            LOG.error("The export to Cloud Monitoring failed; the next interval writes again", e);
            return new Report(0, 0, List.of());
        } finally {
            metrics.cycle(snapshot.at(), Duration.ofNanos(System.nanoTime() - started), lastCycleSuccessful);
        }
    }

    private Report writeWithin(Snapshot snapshot, long deadlineNanos) {
        lastCycleSuccessful = false;
        Instant end = snapshot.at();
        MappedSeries.Interval stored = mapped.map(snapshot.groups());
        List<SeriesRejection> notWritten = new ArrayList<>(stored.rejected());
        history.forget(stored.gone());
        stored.gone().forEach(refused::remove);
        List<PendingPoint> pending = due(stored.series(), end, notWritten);
        saveHistory();
        if (descriptors != null) {
            descriptors.ensure(pending.stream().map(PendingPoint::series).toList());
        }
        List<List<PendingPoint>> batches = batcher.batches(pending);
        List<Future<MetricWriter.Outcome>> sent = new ArrayList<>(batches.size());
        for (List<PendingPoint> batch : batches) {
            sent.add(requests.submit(() -> writer.write(batch, deadlineNanos)));
        }
        int written = 0;
        int attempts = 0;
        boolean everyRequestAnswered = true;
        Map<GroupingKey, Integer> writtenByGroup = new HashMap<>();
        for (int b = 0; b < batches.size(); b++) {
            List<PendingPoint> batch = batches.get(b);
            MetricWriter.Outcome outcome = outcome(sent.get(b), batch.size(), deadlineNanos);
            written += outcome.written();
            attempts += outcome.attempts();
            for (int i = 0; i < batch.size(); i++) {
                ExportedSeries series = batch.get(i).series();
                MetricWriter.Failure failure = outcome.failures().get(i);
                if (failure == null) {
                    writtenByGroup.merge(series.group(), 1, Integer::sum);
                    continue;
                }
                everyRequestAnswered &= failure.permanent() || PartialFailure.transientCause(failure.cause());
                SeriesRejection rejection = new SeriesRejection(series.group(), series.id().toString(), failure.cause(),
                        failure.reason());
                notWritten.add(rejection);
                if (failure.permanent()) {
                    refused.put(series.id(), new Refused(series.firstSeen(), rejection));
                }
            }
        }
        metrics.written(written);
        notWritten.forEach(rejection -> metrics.failed(rejection.cause(), 1));
        rejectionLog.report(notWritten);
        updateStatus(snapshot, end, writtenByGroup, notWritten);
        lastCycleSuccessful = everyRequestAnswered;
        return new Report(written, attempts, notWritten);
    }

    /** The points to send now: not refused as they are, and not too soon after their last point. */
    private List<PendingPoint> due(List<ExportedSeries> stored, Instant end, List<SeriesRejection> notWritten) {
        List<PendingPoint> pending = new ArrayList<>(stored.size());
        for (ExportedSeries series : stored) {
            if (!refused.isEmpty()) {
                Refused before = refused.get(series.id());
                if (before != null) {
                    if (before.pushedAt().equals(series.firstSeen())) {
                        notWritten.add(before.rejection());
                        continue;
                    }
                    refused.remove(series.id());
                }
            }
            Instant start = history.next(series, end);
            if (start != null) {
                pending.add(new PendingPoint(series, start, end));
            }
        }
        return pending;
    }

    private MetricWriter.Outcome outcome(Future<MetricWriter.Outcome> future, int size, long deadlineNanos) {
        try {
            long wait = Math.max(deadlineNanos - System.nanoTime(), 0) + TimeUnit.SECONDS.toNanos(5);
            return future.get(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failedRequest(size, "interrupted", "the gateway is stopping");
        } catch (ExecutionException | TimeoutException e) {
            future.cancel(true);
            return failedRequest(size, "client_error", String.valueOf(e));
        }
    }

    private static MetricWriter.Outcome failedRequest(int size, String cause, String reason) {
        Map<Integer, MetricWriter.Failure> failures = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            failures.put(i, new MetricWriter.Failure(cause, reason, false));
        }
        return new MetricWriter.Outcome(0, failures, 1);
    }

    private void updateStatus(Snapshot snapshot, Instant end, Map<GroupingKey, Integer> writtenByGroup,
            List<SeriesRejection> notWritten) {
        Map<GroupingKey, List<String>> errors = new HashMap<>();
        for (SeriesRejection rejection : notWritten) {
            errors.computeIfAbsent(rejection.group(), k -> new ArrayList<>()).add(rejection.series() + ": "
                    + rejection.reason());
        }
        Set<GroupingKey> present = new HashSet<>();
        for (Group group : snapshot.groups()) {
            present.add(group.key());
            List<String> groupErrors = errors.getOrDefault(group.key(), List.of());
            status.update(group.key(), end, writtenByGroup.getOrDefault(group.key(), 0), groupErrors.size(), groupErrors);
        }
        status.retainOnly(present);
    }

    private void saveHistory() {
        if (historyFile == null) {
            return;
        }
        try {
            historyFile.save(history.snapshot());
        } catch (IOException e) {
            LOG.warn("Could not save the start times of cumulative series: {}", e.toString());
        }
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }
}
