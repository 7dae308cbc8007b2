package stackdriver.pushgateway.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/**
 * When each series of a stored family last reset: a push whose counter (or histogram's or summary's count or sum)
 * is below the value stored before it for the same series, with the same {@code _created}. The time is the push's,
 * as a family's {@code since} is, so every writer replica applying the same messages records the same resets, and
 * a new leader starts a reset counter's period where the old one did. Kept by the series' place in the family;
 * a family none of whose series ever reset holds {@link #NONE}, the case of nearly every family.
 */
public final class SeriesResets {
    public static final SeriesResets NONE = new SeriesResets(null);

    /** Null when no series reset; else one entry per series, null for a series that did not. */
    private final Instant[] times;

    private SeriesResets(Instant[] times) {
        this.times = times;
    }

    /** Resets of a family read back from persistence, one entry (or null) per series. */
    public static SeriesResets of(Instant[] times) {
        for (Instant time : times) {
            if (time != null) {
                return new SeriesResets(times.clone());
            }
        }
        return NONE;
    }

    /** When the series at this place in the family last reset, or null. */
    public Instant of(int series) {
        return times == null ? null : times[series];
    }

    public boolean none() {
        return times == null;
    }

    /**
     * The resets of {@code pushed} stored over {@code before} (null: the family is new, or of another type) by a
     * push at {@code now}: a series that went down resets now, the others keep the reset they had.
     */
    static SeriesResets after(StoredFamily before, MetricFamily pushed, Instant now) {
        if (before == null || !cumulative(pushed.type())) {
            return NONE;
        }
        List<Metric> old = before.family().metrics();
        List<Metric> metrics = pushed.metrics();
        Instant[] times = null;
        Map<Labels, Integer> oldPlaces = null;
        for (int i = 0; i < metrics.size(); i++) {
            Metric metric = metrics.get(i);
            int j;
            // the same series at the same place is the rule: a client pushes its series in the same order
            if (i < old.size() && old.get(i).labels().equals(metric.labels())) {
                j = i;
            } else {
                if (oldPlaces == null) {
                    oldPlaces = places(old);
                }
                j = oldPlaces.getOrDefault(metric.labels(), -1);
            }
            if (j < 0) {
                continue;
            }
            Instant time = resetTime(old.get(j), before.resets().of(j), metric, pushed.type(), now);
            if (time != null) {
                if (times == null) {
                    times = new Instant[metrics.size()];
                }
                times[i] = time;
            }
        }
        return times == null ? NONE : new SeriesResets(times);
    }

    private static Instant resetTime(Metric old, Instant oldReset, Metric metric, MetricType type, Instant now) {
        if (Double.compare(old.createdSeconds(), metric.createdSeconds()) != 0) {
            return null; // a new _created is the series' own new start
        }
        boolean down = switch (type) {
            case COUNTER, UNTYPED -> below(metric.value(), old.value());
            case HISTOGRAM -> below(metric.count(), old.count()) || below(last(metric.bucketCounts()), last(old.bucketCounts()));
            case SUMMARY -> below(metric.count(), old.count()) || below(metric.sum(), old.sum());
            default -> false;
        };
        return down ? now : oldReset;
    }

    private static boolean cumulative(MetricType type) {
        return type != MetricType.GAUGE && type != MetricType.GAUGE_HISTOGRAM;
    }

    private static boolean below(double value, double before) {
        return value < before;
    }

    private static double last(double[] values) {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    private static Map<Labels, Integer> places(List<Metric> metrics) {
        Map<Labels, Integer> places = new HashMap<>(metrics.size() * 2);
        for (int i = 0; i < metrics.size(); i++) {
            places.put(metrics.get(i).labels(), i);
        }
        return places;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesResets other && Arrays.equals(times, other.times);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(times);
    }

    @Override
    public String toString() {
        return times == null ? "none" : Arrays.toString(times);
    }
}
