package stackdriver.pushgateway.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.GroupingKey;

/**
 * One export interval: every series of every stored group becomes one point ending now, sent in requests of
 * at most 200 series, several at a time. Cycles never overlap; one that fails leaves the next to write again.
 */
public final class ExportCycle {
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

    private final GroupStore store;
    private final MappedSeries mapped;
    private final SeriesHistory history;
    private final Runnable saveHistory;
    private final CustomDescriptors descriptors;
    private final MetricWriter writer;
    private final ExportStatus status;
    private final ExportMetrics metrics;
    private final Clock clock;
    private final Duration interval;
    private final int maxRequestsInFlight;
    private final Map<SeriesId, Refused> refused = new HashMap<>();
    private final RejectionLog rejectionLog = new RejectionLog();
    private boolean lastCycleSuccessful;
    /**
     * Whether every request of the last interval that sent any was answered. An interval with nothing to send
     * (every series too soon after its last point, or refused as it is) is no news: it keeps this verdict, so
     * that one right after a failed interval does not count as a success.
     */
    private boolean lastSendingSuccessful = true;

    /**
     * @param saveHistory run after each interval's points are sent, under this cycle's lock (see {@link SavedSeriesHistory})
     * @param descriptors null unless custom naming
     */
    public ExportCycle(GroupStore store, TimeSeriesMapper mapper, SeriesHistory history, Runnable saveHistory,
            CustomDescriptors descriptors, MetricWriter writer, ExportStatus status, ExportMetrics metrics, Clock clock,
            Duration interval, int maxRequestsInFlight) {
        this.store = store;
        this.mapped = new MappedSeries(mapper);
        this.history = history;
        this.saveHistory = saveHistory;
        this.descriptors = descriptors;
        this.writer = writer;
        this.status = status;
        this.metrics = metrics;
        this.clock = clock;
        this.interval = interval;
        this.maxRequestsInFlight = maxRequestsInFlight;
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
        history.forget(stored.gone());
        stored.gone().forEach(refused::remove);
        if (descriptors != null) {
            descriptors.ensure(stored.series());
        }
        Requests requests = new Requests(deadlineNanos, stored.rejected());
        TimeSeriesBatcher batcher = new TimeSeriesBatcher(requests::send);
        for (ExportedSeries series : stored.series()) {
            PendingPoint point = due(series, end, requests.notWritten);
            if (point != null) {
                batcher.add(point);
            }
        }
        batcher.flush();
        saveHistory.run();
        requests.awaitAll();
        metrics.written(requests.written);
        requests.notWritten.forEach(rejection -> metrics.failed(rejection.cause(), 1));
        rejectionLog.report(requests.notWritten);
        updateStatus(snapshot, end, requests.writtenByGroup, requests.notWritten);
        if (requests.anySent) {
            lastSendingSuccessful = requests.everyRequestAnswered;
        }
        lastCycleSuccessful = lastSendingSuccessful;
        return new Report(requests.written, requests.attempts, requests.notWritten);
    }

    /** The point to send now, or null: refused as it is, or too soon after its last point. */
    private PendingPoint due(ExportedSeries series, Instant end, List<SeriesRejection> notWritten) {
        if (!refused.isEmpty()) {
            Refused before = refused.get(series.id());
            if (before != null) {
                if (before.pushedAt().equals(series.firstSeen())) {
                    notWritten.add(before.rejection());
                    return null;
                }
                refused.remove(series.id());
            }
        }
        Instant start = history.next(series, end);
        return start == null ? null : new PendingPoint(series, start, end);
    }

    /**
     * One interval's requests: at most {@code maxRequestsInFlight} at a time, and what became of each series
     * gathered as they are answered.
     */
    private final class Requests {
        private record Sent(List<PendingPoint> batch, GroupRuns groups, Future<MetricWriter.Outcome> outcome) {
        }

        /**
         * The groups and families of a request's series, as runs (a family's series come one after another), taken
         * when it is sent: a request written whole is counted by them, without reaching each of its series again
         * once it is answered.
         */
        private record GroupRuns(GroupingKey[] groups, String[] families, int[] counts) {
            static GroupRuns of(List<PendingPoint> batch) {
                List<GroupingKey> groups = new ArrayList<>(4);
                List<String> families = new ArrayList<>(4);
                int[] counts = new int[batch.size()];
                GroupingKey lastGroup = null;
                String lastFamily = null;
                for (PendingPoint point : batch) {
                    GroupingKey group = point.series().group();
                    String family = point.series().family();
                    if (group != lastGroup || !family.equals(lastFamily)) {
                        groups.add(group);
                        families.add(family);
                        lastGroup = group;
                        lastFamily = family;
                    }
                    counts[groups.size() - 1]++;
                }
                return new GroupRuns(groups.toArray(GroupingKey[]::new), families.toArray(String[]::new),
                        Arrays.copyOf(counts, groups.size()));
            }
        }

        final List<SeriesRejection> notWritten;
        /** Series written, by group and family. */
        final Map<GroupingKey, Map<String, Integer>> writtenByGroup = new HashMap<>();
        int written;
        int attempts;
        boolean everyRequestAnswered = true;
        boolean anySent;
        private final long deadlineNanos;
        private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
        private List<List<PendingPoint>> waiting = new ArrayList<>();
        private GroupingKey countedGroup;
        private String countedFamily;
        private int countedInRun;

        Requests(long deadlineNanos, List<SeriesRejection> rejectedBeforeSending) {
            this.deadlineNanos = deadlineNanos;
            this.notWritten = new ArrayList<>(rejectedBeforeSending);
        }

        /**
         * Sends the batch with the next ones, half the most in flight at a time: requests started together are
         * written together (see {@link MetricWriter#writeAll}). When too many would be in flight, first
         * collects the oldest.
         */
        void send(List<PendingPoint> batch) {
            anySent = true;
            waiting.add(batch);
            if (waiting.size() >= Math.max(1, maxRequestsInFlight / 2)) {
                startWaiting();
            }
        }

        private void startWaiting() {
            if (waiting.isEmpty()) {
                return;
            }
            int over = inFlight.size() + waiting.size() - maxRequestsInFlight;
            if (over > 0) {
                collectOldest(over);
            }
            List<CompletableFuture<MetricWriter.Outcome>> outcomes = writer.writeAll(waiting, deadlineNanos);
            for (int i = 0; i < waiting.size(); i++) {
                // just encoded by writeAll: the series are still in the CPU's caches
                inFlight.add(new Sent(waiting.get(i), GroupRuns.of(waiting.get(i)), outcomes.get(i)));
            }
            waiting = new ArrayList<>();
        }

        /**
         * Answers come about in the order requests were sent: waiting for the {@code count}-th oldest first
         * wakes this thread once for all of them, not once per request.
         */
        private void collectOldest(int count) {
            Sent last = null;
            Iterator<Sent> oldest = inFlight.iterator();
            for (int i = 0; i < count && oldest.hasNext(); i++) {
                last = oldest.next();
            }
            awaitQuietly(last.outcome());
            for (int i = 0; i < count && !inFlight.isEmpty(); i++) {
                collect(inFlight.poll());
            }
        }

        private void awaitQuietly(Future<MetricWriter.Outcome> future) {
            try {
                future.get(Math.max(deadlineNanos - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // collect() reports what became of it
            }
        }

        void awaitAll() {
            startWaiting();
            while (!inFlight.isEmpty()) {
                collect(inFlight.poll());
            }
            addCounted();
        }

        private void collect(Sent sent) {
            MetricWriter.Outcome outcome = outcome(sent.outcome(), sent.batch().size(), deadlineNanos);
            written += outcome.written();
            attempts += outcome.attempts();
            if (outcome.failures().isEmpty()) {
                GroupRuns runs = sent.groups();
                for (int run = 0; run < runs.groups().length; run++) {
                    countWritten(runs.groups()[run], runs.families()[run], runs.counts()[run]);
                }
                return;
            }
            for (int i = 0; i < sent.batch().size(); i++) {
                ExportedSeries series = sent.batch().get(i).series();
                MetricWriter.Failure failure = outcome.failures().get(i);
                if (failure == null) {
                    countWritten(series.group(), series.family(), 1);
                    continue;
                }
                everyRequestAnswered &= failure.permanent() || PartialFailure.transientCause(failure.cause());
                SeriesRejection rejection = new SeriesRejection(series.group(), series.family(),
                        series.id().toString(), failure.cause(), failure.reason());
                notWritten.add(rejection);
                if (failure.permanent()) {
                    refused.put(series.id(), new Refused(series.firstSeen(), rejection));
                }
            }
        }

        /** Counts written series of a family; a family's series come one after another, so runs are counted, not each. */
        private void countWritten(GroupingKey group, String family, int count) {
            if (group != countedGroup || !family.equals(countedFamily)) {
                addCounted();
                countedGroup = group;
                countedFamily = family;
            }
            countedInRun += count;
        }

        private void addCounted() {
            if (countedGroup != null) {
                writtenByGroup.computeIfAbsent(countedGroup, k -> new HashMap<>(4))
                        .merge(countedFamily, countedInRun, Integer::sum);
            }
            countedGroup = null;
            countedFamily = null;
            countedInRun = 0;
        }
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

    private void updateStatus(Snapshot snapshot, Instant end, Map<GroupingKey, Map<String, Integer>> writtenByGroup,
            List<SeriesRejection> notWritten) {
        Map<GroupingKey, List<SeriesRejection>> rejections = new HashMap<>();
        for (SeriesRejection rejection : notWritten) {
            rejections.computeIfAbsent(rejection.group(), k -> new ArrayList<>()).add(rejection);
        }
        Set<GroupingKey> present = new HashSet<>();
        for (Group group : snapshot.groups()) {
            present.add(group.key());
            status.update(group.key(), end, writtenByGroup.getOrDefault(group.key(), Map.of()),
                    rejections.getOrDefault(group.key(), List.of()));
        }
        status.retainOnly(present);
    }
}
