package stackdriver.pushgateway.export;

import com.google.monitoring.v3.CreateTimeSeriesRequest;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.monitoring.v3.TypedValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * A CreateTimeSeries request in its wire form, the bytes {@code CreateTimeSeriesRequest.toByteString()} would
 * give (fields in number order, as protobuf writes them). Each series' metric and resource are taken already
 * encoded from its {@link SeriesId}, and its point is written from its times and value without building the
 * Point, TimeInterval and Timestamp messages: encoding label maps again for every point was most of an export
 * interval's CPU, and after that, making and sizing those three messages was.
 *
 * @param project {@code projects/<id>}, also sent as the request's routing header
 */
public record EncodedRequest(String project, ByteString bytes) {

    public static EncodedRequest of(String project, List<PendingPoint> points) {
        int[] intervalSizes = new int[points.size()];
        int[] pointSizes = new int[points.size()];
        int[] seriesSizes = new int[points.size()];
        int size = CodedOutputStream.computeStringSize(CreateTimeSeriesRequest.NAME_FIELD_NUMBER, project);
        for (int i = 0; i < pointSizes.length; i++) {
            PendingPoint point = points.get(i);
            intervalSizes[i] = intervalSize(point);
            pointSizes[i] = lengthDelimitedSize(Point.INTERVAL_FIELD_NUMBER, intervalSizes[i])
                    + valueSize(point.series());
            seriesSizes[i] = seriesSize(point.series(), pointSizes[i]);
            size += lengthDelimitedSize(CreateTimeSeriesRequest.TIME_SERIES_FIELD_NUMBER, seriesSizes[i]);
        }
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (int i = 0; i < pointSizes.length; i++) {
                writeLength(out, CreateTimeSeriesRequest.TIME_SERIES_FIELD_NUMBER, seriesSizes[i]);
                writeSeries(out, points.get(i), pointSizes[i], intervalSizes[i]);
            }
            out.writeString(CreateTimeSeriesRequest.NAME_FIELD_NUMBER, project);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("a request did not fit the size computed for it", e);
        }
        return new EncodedRequest(project, UnsafeByteOperations.unsafeWrap(bytes));
    }

    private static int seriesSize(ExportedSeries series, int pointSize) {
        return CodedOutputStream.computeByteArraySize(TimeSeries.METRIC_FIELD_NUMBER, series.id().metricBytes())
                + CodedOutputStream.computeBytesSize(TimeSeries.RESOURCE_FIELD_NUMBER, series.id().resourceBytes())
                + CodedOutputStream.computeEnumSize(TimeSeries.METRIC_KIND_FIELD_NUMBER, series.kind().getNumber())
                + lengthDelimitedSize(TimeSeries.POINTS_FIELD_NUMBER, pointSize);
    }

    /** A TimeSeries's fields in field order; a length-delimited field holds a message the same way as bytes. */
    private static void writeSeries(CodedOutputStream out, PendingPoint point, int pointSize, int intervalSize)
            throws IOException {
        ExportedSeries series = point.series();
        out.writeByteArray(TimeSeries.METRIC_FIELD_NUMBER, series.id().metricBytes());
        out.writeBytes(TimeSeries.RESOURCE_FIELD_NUMBER, series.id().resourceBytes());
        out.writeEnum(TimeSeries.METRIC_KIND_FIELD_NUMBER, series.kind().getNumber());
        writeLength(out, TimeSeries.POINTS_FIELD_NUMBER, pointSize);
        writePoint(out, point, intervalSize);
    }

    // Point { TimeInterval interval = 1; TypedValue value = 2; }
    // TimeInterval { Timestamp start_time = 1; Timestamp end_time = 2; } (no start for gauges)

    private static int intervalSize(PendingPoint point) {
        int size = lengthDelimitedSize(TimeInterval.END_TIME_FIELD_NUMBER, timestampSize(point.end()));
        if (point.series().cumulative()) {
            size += lengthDelimitedSize(TimeInterval.START_TIME_FIELD_NUMBER, timestampSize(point.start()));
        }
        return size;
    }

    private static void writePoint(CodedOutputStream out, PendingPoint point, int intervalSize) throws IOException {
        writeLength(out, Point.INTERVAL_FIELD_NUMBER, intervalSize);
        if (point.series().cumulative()) {
            writeTimestamp(out, TimeInterval.START_TIME_FIELD_NUMBER, point.start());
        }
        writeTimestamp(out, TimeInterval.END_TIME_FIELD_NUMBER, point.end());
        writeValue(out, point.series());
    }

    // TypedValue { oneof value { bool bool_value = 1; int64 int64_value = 2; double double_value = 3; ... } },
    // a double written even when zero: it is a member of a oneof

    private static final int DOUBLE_VALUE_SIZE = CodedOutputStream.computeDoubleSize(TypedValue.DOUBLE_VALUE_FIELD_NUMBER, 0);

    private static int valueSize(ExportedSeries series) {
        return series.otherValue() != null
                ? CodedOutputStream.computeMessageSize(Point.VALUE_FIELD_NUMBER, series.otherValue())
                : lengthDelimitedSize(Point.VALUE_FIELD_NUMBER, DOUBLE_VALUE_SIZE);
    }

    private static void writeValue(CodedOutputStream out, ExportedSeries series) throws IOException {
        if (series.otherValue() != null) {
            out.writeMessage(Point.VALUE_FIELD_NUMBER, series.otherValue());
            return;
        }
        writeLength(out, Point.VALUE_FIELD_NUMBER, DOUBLE_VALUE_SIZE);
        out.writeDouble(TypedValue.DOUBLE_VALUE_FIELD_NUMBER, series.doubleValue());
    }

    // Timestamp { int64 seconds = 1; int32 nanos = 2; }, a field left out when zero as proto3 does

    private static int timestampSize(Instant instant) {
        int size = 0;
        if (instant.getEpochSecond() != 0) {
            size += CodedOutputStream.computeInt64Size(Timestamp.SECONDS_FIELD_NUMBER, instant.getEpochSecond());
        }
        if (instant.getNano() != 0) {
            size += CodedOutputStream.computeInt32Size(Timestamp.NANOS_FIELD_NUMBER, instant.getNano());
        }
        return size;
    }

    private static void writeTimestamp(CodedOutputStream out, int field, Instant instant) throws IOException {
        writeLength(out, field, timestampSize(instant));
        if (instant.getEpochSecond() != 0) {
            out.writeInt64(Timestamp.SECONDS_FIELD_NUMBER, instant.getEpochSecond());
        }
        if (instant.getNano() != 0) {
            out.writeInt32(Timestamp.NANOS_FIELD_NUMBER, instant.getNano());
        }
    }

    private static int lengthDelimitedSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }

    private static void writeLength(CodedOutputStream out, int field, int length) throws IOException {
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(length);
    }
}
