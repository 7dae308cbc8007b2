package stackdriver.pushgateway.export;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What was last sent for each series, so that every point keeps Cloud Monitoring's rules: end times at least
 * the sampling period apart and in order, and a cumulative start that stays the same until a reset. A
 * cumulative series starts at its OpenMetrics {@code _created} when pushed, else when the gateway stored it;
 * a value below the previous one is a reset, and starts a new period just after the previous point's end.
 */
public final class SeriesHistory {
    /** Cloud Monitoring's minimum time between two points of one series. */
    public static final Duration SAMPLING_PERIOD = Duration.ofSeconds(5);
    private static final long SAMPLING_PERIOD_SECONDS = SAMPLING_PERIOD.getSeconds();
    private static final Duration TICK = Duration.ofMillis(1);

    /**
     * @param start        start of the current cumulative period; null for gauges
     * @param created      the {@code _created} the period started from, or NaN
     * @param runningTotal the last value sent of a cumulative series
     * @param lastEnd      end time of the last point sent
     */
    public record State(Instant start, double created, double runningTotal, Instant lastEnd) {
    }

    /**
     * A series' state, updated in place and holding no references: a new State per series every interval would
     * leave a million dead objects a minute in the old generation, where the map holding them lives, and even a
     * shared Instant stored in each entry marks every entry's card dirty, which each young collection then
     * scans (that scan was most of the collector's time during an export).
     */
    private static final class Entry {
        boolean forgotten;
        boolean hasStart;
        long startSeconds;
        int startNano;
        double created;
        double runningTotal;
        long lastEndSeconds;
        int lastEndNano;

        Entry() {
        }

        Entry(State state) {
            set(state.start(), state.created(), state.runningTotal(), state.lastEnd());
        }

        void set(Instant start, double created, double runningTotal, Instant lastEnd) {
            this.hasStart = start != null;
            if (start != null) {
                this.startSeconds = start.getEpochSecond();
                this.startNano = start.getNano();
            }
            this.created = created;
            this.runningTotal = runningTotal;
            setLastEnd(lastEnd);
        }

        void setGauge(Instant end) {
            hasStart = false;
            created = Double.NaN;
            runningTotal = Double.NaN;
            setLastEnd(end);
        }

        private void setLastEnd(Instant end) {
            lastEndSeconds = end.getEpochSecond();
            lastEndNano = end.getNano();
        }

        Instant start() {
            return hasStart ? Instant.ofEpochSecond(startSeconds, startNano) : null;
        }

        Instant lastEnd() {
            return Instant.ofEpochSecond(lastEndSeconds, lastEndNano);
        }

        /** Whether {@code end} is less than the sampling period after the last point's end. */
        boolean tooSoon(Instant end) {
            long seconds = end.getEpochSecond() - lastEndSeconds;
            return seconds < SAMPLING_PERIOD_SECONDS
                    || seconds == SAMPLING_PERIOD_SECONDS && end.getNano() < lastEndNano;
        }

        State state() {
            return new State(start(), created, runningTotal, lastEnd());
        }
    }

    /**
     * A series' place in the history, held by the series: a million lookups by id an interval, each missing the
     * CPU's caches several times over, cost more than the rest of the interval's bookkeeping.
     */
    public static final class Slot {
        private SeriesHistory owner;
        private Entry entry;
    }

    private final Map<SeriesId, Entry> entries = new HashMap<>();

    public SeriesHistory() {
        this(Map.of());
    }

    public SeriesHistory(Map<SeriesId, State> restored) {
        restored.forEach((id, state) -> entries.put(id, new Entry(state)));
    }

    /**
     * Records that a point ending at {@code end} is sent for the series and returns its start (the end for
     * gauges), or null when the series must skip this interval because its last point is too recent.
     */
    public synchronized Instant next(ExportedSeries series, Instant end) {
        Slot slot = series.history();
        Entry previous = slot.owner == this ? slot.entry : null;
        if (previous == null || previous.forgotten) {
            previous = entries.get(series.id());
        }
        if (previous != null && previous.tooSoon(end)) {
            return null;
        }
        Entry entry = previous;
        if (entry == null) {
            entry = new Entry();
            entries.put(series.id(), entry);
        }
        if (slot.entry != entry || slot.owner != this) {
            // written only when they change: each write into an old object dirties its card
            slot.owner = this;
            slot.entry = entry;
        }
        if (!series.cumulative()) {
            entry.setGauge(end);
            return end;
        }
        double created = series.createdSeconds();
        Instant start;
        if (previous == null || !previous.hasStart) {
            start = Double.isNaN(created) ? series.firstSeen() : instant(created);
        } else if (!Double.isNaN(created) && created != previous.created) {
            start = latest(instant(created), previous.lastEnd().plus(TICK));
        } else if (series.runningTotal() < previous.runningTotal) {
            start = previous.lastEnd().plus(TICK);
        } else {
            start = previous.start();
        }
        if (!start.isBefore(end)) {
            start = end.minus(TICK);
        }
        entry.set(start, created, series.runningTotal(), end);
        return start;
    }

    /** Forgets series that are no longer stored: pushed again later, they start a new period. */
    public synchronized void forget(Collection<SeriesId> gone) {
        for (SeriesId id : gone) {
            Entry entry = entries.remove(id);
            if (entry != null) {
                entry.forgotten = true;
            }
        }
    }

    public synchronized Map<SeriesId, State> snapshot() {
        Map<SeriesId, State> states = new HashMap<>(entries.size() * 4 / 3 + 1);
        entries.forEach((id, entry) -> states.put(id, entry.state()));
        return states;
    }

    private static Instant instant(double epochSeconds) {
        long millis = Math.round(epochSeconds * 1000);
        return Instant.ofEpochMilli(millis);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
