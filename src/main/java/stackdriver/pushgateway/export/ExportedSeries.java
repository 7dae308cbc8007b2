package stackdriver.pushgateway.export;

import com.google.api.MetricDescriptor.MetricKind;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.monitoring.v3.TypedValue;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import stackdriver.pushgateway.store.GroupingKey;

/**
 * One series to write this interval, before its point has times.
 *
 * @param doubleValue    the point's value when it is a double (counters, gauges); see {@link #value()}
 * @param otherValue     the point's value when it is not a double (a histogram's distribution), else null: a
 *                       double is kept as a number, not as a TypedValue holding a boxed Double, two objects
 *                       fewer to reach for each of a million series an interval
 * @param runningTotal   what a reset is detected on for cumulative series (the value, or a histogram's count); NaN for gauges
 * @param createdSeconds the start of the series' current period as the store knows it: its last reset, else its
 *                       own start (OpenMetrics {@code _created}), else when its family was stored; NaN for the
 *                       gateway's own gauges
 * @param firstSeen      when the gateway stored the family this series belongs to
 * @param history        where {@link SeriesHistory} keeps this series' state, so an interval finds it without a
 *                       lookup; each mapping of a series has its own, found again by id the first time
 */
public record ExportedSeries(
        SeriesId id,
        MetricKind kind,
        double doubleValue,
        TypedValue otherValue,
        double runningTotal,
        double createdSeconds,
        Instant firstSeen,
        GroupingKey group,
        String family,
        String help,
        String unit,
        SeriesHistory.Slot history) {

    public ExportedSeries(SeriesId id, MetricKind kind, TypedValue value, double runningTotal, double createdSeconds,
            Instant firstSeen, GroupingKey group, String family, String help, String unit) {
        this(id, kind, value, runningTotal, createdSeconds, firstSeen, group, family, help, unit, new SeriesHistory.Slot());
    }

    public ExportedSeries(SeriesId id, MetricKind kind, TypedValue value, double runningTotal, double createdSeconds,
            Instant firstSeen, GroupingKey group, String family, String help, String unit, SeriesHistory.Slot history) {
        this(id, kind, value.getValueCase() == TypedValue.ValueCase.DOUBLE_VALUE ? value.getDoubleValue() : Double.NaN,
                value.getValueCase() == TypedValue.ValueCase.DOUBLE_VALUE ? null : value, runningTotal, createdSeconds,
                firstSeen, group, family, help, unit, history);
    }

    /** The point's value. */
    public TypedValue value() {
        return otherValue != null ? otherValue : TypedValue.newBuilder().setDoubleValue(doubleValue).build();
    }

    public boolean cumulative() {
        return kind == MetricKind.CUMULATIVE;
    }

    /** The TimeSeries with its one point; {@code start} is ignored for gauges. */
    public TimeSeries toTimeSeries(Instant start, Instant end) {
        return TimeSeries.newBuilder()
                .setMetric(id.metric())
                .setResource(id.resource())
                .setMetricKind(kind)
                .addPoints(point(start, end))
                .build();
    }

    /** The series' one point; {@code start} is ignored for gauges. */
    public Point point(Instant start, Instant end) {
        TimeInterval.Builder interval = TimeInterval.newBuilder().setEndTime(timestamp(end));
        if (cumulative()) {
            interval.setStartTime(timestamp(start));
        }
        return Point.newBuilder().setInterval(interval).setValue(value()).build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
