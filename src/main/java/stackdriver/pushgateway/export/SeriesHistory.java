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
    private static final Duration TICK = Duration.ofMillis(1);

    /**
     * @param start        start of the current cumulative period; null for gauges
     * @param created      the {@code _created} the period started from, or NaN
     * @param runningTotal the last value sent of a cumulative series
     * @param lastEnd      end time of the last point sent
     */
    public record State(Instant start, double created, double runningTotal, Instant lastEnd) {
    }

    private final Map<SeriesId, State> states;

    public SeriesHistory() {
        this(new HashMap<>());
    }

    public SeriesHistory(Map<SeriesId, State> restored) {
        this.states = new HashMap<>(restored);
    }

    /**
     * Records that a point ending at {@code end} is sent for the series and returns its start (the end for
     * gauges), or null when the series must skip this interval because its last point is too recent.
     */
    public synchronized Instant next(ExportedSeries series, Instant end) {
        State previous = states.get(series.id());
        if (previous != null && end.isBefore(previous.lastEnd().plus(SAMPLING_PERIOD))) {
            return null;
        }
        if (!series.cumulative()) {
            states.put(series.id(), new State(null, Double.NaN, Double.NaN, end));
            return end;
        }
        double created = series.createdSeconds();
        Instant start;
        if (previous == null || previous.start() == null) {
            start = Double.isNaN(created) ? series.firstSeen() : instant(created);
        } else if (!Double.isNaN(created) && created != previous.created()) {
            start = latest(instant(created), previous.lastEnd().plus(TICK));
        } else if (series.runningTotal() < previous.runningTotal()) {
            start = previous.lastEnd().plus(TICK);
        } else {
            start = previous.start();
        }
        if (!start.isBefore(end)) {
            start = end.minus(TICK);
        }
        states.put(series.id(), new State(start, created, series.runningTotal(), end));
        return start;
    }

    /** Forgets series that are no longer stored: pushed again later, they start a new period. */
    public synchronized void forget(Collection<SeriesId> gone) {
        gone.forEach(states::remove);
    }

    public synchronized Map<SeriesId, State> snapshot() {
        return new HashMap<>(states);
    }

    private static Instant instant(double epochSeconds) {
        long millis = Math.round(epochSeconds * 1000);
        return Instant.ofEpochMilli(millis);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
