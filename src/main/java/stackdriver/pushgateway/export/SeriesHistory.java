package stackdriver.pushgateway.export;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What was last sent for each series, so that every point keeps Cloud Monitoring's rules: end times at least
 * the sampling period apart and in order, and a cumulative start that stays the same until a reset. A
 * cumulative series starts at its created time: its last reset seen by the store, else its OpenMetrics
 * {@code _created} when pushed, else when the gateway first stored its family (times of pushes, the same on every
 * writer replica). A created time that changes starts a new period then, or just after the previous point's end
 * if that is later; a value below the previous one that the store did not see as a reset does too.
 * Not thread-safe: one export cycle uses it, under that cycle's lock (a lock taken for each of a million series
 * an interval is a million atomic operations that nothing needs).
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
     * A series' state, held by the series itself (so an interval reaches it without a lookup: a million lookups
     * by id, each missing the CPU's caches several times over, cost more than the rest of the bookkeeping) and
     * by this history's map, where the next mapping of the same series finds it. Updated in place, and holding
     * no references: a new State per series every interval would leave a million dead objects a minute in the
     * old generation, and even a shared Instant stored in each slot marks every slot's card dirty, which each
     * young collection then scans (that scan was most of the collector's time during an export).
     */
    public static final class Slot {
        /** The history whose map holds this slot; null until the series' first point. */
        private SeriesHistory owner;
        private boolean forgotten;
        private boolean hasStart;
        private long startSeconds;
        private int startNano;
        private double created;
        private double runningTotal;
        private long lastEndSeconds;
        private int lastEndNano;

        public Slot() {
        }

        private Slot(State state) {
            set(state.start(), state.created(), state.runningTotal(), state.lastEnd());
        }

        private void set(Instant start, double created, double runningTotal, Instant lastEnd) {
            this.hasStart = start != null;
            if (start != null) {
                this.startSeconds = start.getEpochSecond();
                this.startNano = start.getNano();
            }
            this.created = created;
            this.runningTotal = runningTotal;
            this.lastEndSeconds = lastEnd.getEpochSecond();
            this.lastEndNano = lastEnd.getNano();
        }

        private Instant start() {
            return hasStart ? Instant.ofEpochSecond(startSeconds, startNano) : null;
        }

        private Instant lastEnd() {
            return Instant.ofEpochSecond(lastEndSeconds, lastEndNano);
        }

        /** Whether {@code end} is less than the sampling period after the last point's end. */
        private boolean tooSoon(Instant end) {
            long seconds = end.getEpochSecond() - lastEndSeconds;
            return seconds < SAMPLING_PERIOD_SECONDS
                    || seconds == SAMPLING_PERIOD_SECONDS && end.getNano() < lastEndNano;
        }

        private State state() {
            return new State(start(), created, runningTotal, lastEnd());
        }
    }

    private final Map<SeriesId, Slot> slots = new HashMap<>();

    /** Takes back the states of an earlier run, before the first point is sent. */
    public void restore(Map<SeriesId, State> restored) {
        restored.forEach((id, state) -> {
            Slot slot = new Slot(state);
            slot.owner = this;
            slots.put(id, slot);
        });
    }

    /**
     * Records that a point ending at {@code end} is sent for the series and returns its start (the end for
     * gauges), or null when the series must skip this interval because its last point is too recent.
     */
    public Instant next(ExportedSeries series, Instant end) {
        Slot slot = series.history();
        // a slot not yet in the map: the series' first point, or its first since it was mapped again
        Slot previous = slot.owner == this && !slot.forgotten ? slot : slots.get(series.id());
        if (previous != null && previous.tooSoon(end)) {
            return null;
        }
        Instant start = cumulativeStart(series, previous, end);
        if (previous != slot) {
            slots.put(series.id(), slot);
            slot.owner = this;
            slot.forgotten = false;
        }
        if (start == null) {
            slot.set(null, Double.NaN, Double.NaN, end);
            return end;
        }
        slot.set(start, series.createdSeconds(), series.runningTotal(), end);
        return start;
    }

    /** The start of a cumulative series' point ending at {@code end}; null for a gauge. */
    private static Instant cumulativeStart(ExportedSeries series, Slot previous, Instant end) {
        if (!series.cumulative()) {
            return null;
        }
        double created = series.createdSeconds();
        Instant start;
        if (previous == null || !previous.hasStart) {
            start = Double.isNaN(created) ? series.firstSeen() : instant(created);
        } else if (!Double.isNaN(created) && !Double.isNaN(previous.created) && created != previous.created) {
            // (a period kept from before starts were taken from the store has no created: it goes on)
            start = latest(instant(created), previous.lastEnd().plus(TICK));
        } else if (series.runningTotal() < previous.runningTotal) {
            start = previous.lastEnd().plus(TICK);
        } else {
            start = previous.start();
        }
        return start.isBefore(end) ? start : end.minus(TICK);
    }

    /** Forgets series that are no longer stored: pushed again later, they start a new period. */
    public void forget(Collection<SeriesId> gone) {
        for (SeriesId id : gone) {
            Slot slot = slots.remove(id);
            if (slot != null) {
                slot.forgotten = true;
            }
        }
    }

    public Map<SeriesId, State> snapshot() {
        Map<SeriesId, State> states = new HashMap<>(slots.size() * 4 / 3 + 1);
        slots.forEach((id, slot) -> states.put(id, slot.state()));
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
