package stackdriver.pushgateway.emulator;

import com.google.api.MetricDescriptor.MetricKind;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The points of one series, newest first, at most {@code maxPoints} of them, and the rules a new
 * point must follow against the latest one: in order, at least the sampling period after it, and
 * for a cumulative metric the same start time unless the point starts a new run after a reset.
 */
final class StoredSeries {
    /** Google's documented minimum: "one point each 5 seconds" per time series. */
    static final com.google.protobuf.Duration SAMPLING_PERIOD = Durations.fromSeconds(5);

    /**
     * The metric, resource, kinds and unit, encoded: read back only to answer a read. The messages took most of
     * a stored series' memory, with a map and strings for each label set.
     */
    private final byte[] header;
    private final int maxPoints;
    /**
     * The points, encoded, newest first. A Point message is six objects (its interval, two timestamps, its value),
     * about 230 bytes of heap; encoded, a point of a double is about 60: with 60 points a series, 3.6 KB instead of
     * 14 KB. The write rules need only the newest point's interval and total, kept decoded below.
     */
    private final Deque<byte[]> points;
    private long latestStartSeconds;
    private int latestStartNanos;
    private long latestEndSeconds;
    private int latestEndNanos;
    private double latestTotal;

    StoredSeries(TimeSeries header, int maxPoints) {
        this.header = header.toBuilder().clearPoints().build().toByteArray();
        this.maxPoints = maxPoints;
        this.points = new ArrayDeque<>(Math.min(maxPoints, 8));
    }

    synchronized Optional<SeriesError> checkNext(Point point, MetricKind kind) {
        if (points.isEmpty()) {
            return Optional.empty();
        }
        Timestamp end = point.getInterval().getEndTime();
        Timestamp latestEnd = timestamp(latestEndSeconds, latestEndNanos);
        if (Timestamps.compare(end, latestEnd) < 0) {
            return Optional.of(SeriesError.conflict("Points must be written in order. One or more of the points"
                    + " specified had an older end time than the most recent point."));
        }
        if (Timestamps.compare(end, Timestamps.add(latestEnd, SAMPLING_PERIOD)) < 0) {
            return Optional.of(SeriesError.conflict("One or more points were written more frequently than the"
                    + " maximum sampling period configured for the metric."));
        }
        if (kind == MetricKind.CUMULATIVE) {
            Timestamp start = point.getInterval().getStartTime();
            Timestamp latestStart = timestamp(latestStartSeconds, latestStartNanos);
            if (Timestamps.compare(start, latestStart) < 0) {
                return Optional.of(SeriesError.conflict("Points must be written in order. One or more of the points"
                        + " specified had an older start time than the most recent point."));
            }
            if (!start.equals(latestStart) && Timestamps.compare(start, latestEnd) <= 0) {
                return Optional.of(SeriesError.conflict("Points must be written in order. The start time of a"
                        + " cumulative point may only change on a reset, to a time after the end time ("
                        + Timestamps.toString(latestEnd) + ") of the most recent point."));
            }
        }
        return Optional.empty();
    }

    /** Whether a cumulative point starts a new period, or counts less than the latest point. */
    synchronized boolean resets(Point point) {
        return !points.isEmpty()
                && (!point.getInterval().getStartTime().equals(timestamp(latestStartSeconds, latestStartNanos))
                || total(point) < latestTotal);
    }

    private static double total(Point point) {
        var value = point.getValue();
        return switch (value.getValueCase()) {
            case INT64_VALUE -> value.getInt64Value();
            case DISTRIBUTION_VALUE -> value.getDistributionValue().getCount();
            default -> value.getDoubleValue();
        };
    }

    synchronized void add(Point point) {
        points.addFirst(point.toByteArray());
        while (points.size() > maxPoints) {
            points.removeLast();
        }
        Timestamp start = point.getInterval().getStartTime();
        Timestamp end = point.getInterval().getEndTime();
        latestStartSeconds = start.getSeconds();
        latestStartNanos = start.getNanos();
        latestEndSeconds = end.getSeconds();
        latestEndNanos = end.getNanos();
        latestTotal = total(point);
    }

    /** Points whose end time lies in [start, end], newest first. */
    synchronized List<Point> pointsBetween(Timestamp start, Timestamp end) {
        List<Point> found = new ArrayList<>();
        for (byte[] encoded : points) {
            Point point = decode(encoded);
            Timestamp pointEnd = point.getInterval().getEndTime();
            if (Timestamps.compare(pointEnd, end) <= 0 && Timestamps.compare(pointEnd, start) >= 0) {
                found.add(point);
            }
        }
        return found;
    }

    private static Point decode(byte[] encoded) {
        try {
            return Point.parseFrom(encoded);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a point encoded here does not decode", e);
        }
    }

    private static Timestamp timestamp(long seconds, int nanos) {
        return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }

    /** The series without its points. */
    TimeSeries header() {
        try {
            return TimeSeries.parseFrom(header);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a header encoded here does not decode", e);
        }
    }
}
