package stackdriver.pushgateway.export;

import com.google.monitoring.v3.CreateTimeSeriesRequest;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A CreateTimeSeries request in its wire form, the bytes {@code CreateTimeSeriesRequest.toByteString()} would
 * give (fields in number order, as protobuf writes them). Each series' metric and resource are taken already encoded from its {@link SeriesId}: encoding their
 * label maps again for every point was most of an export interval's CPU.
 *
 * @param project {@code projects/<id>}, also sent as the request's routing header
 */
public record EncodedRequest(String project, ByteString bytes) {

    public static EncodedRequest of(String project, List<PendingPoint> points) {
        Point[] encodedPoints = new Point[points.size()];
        int[] seriesSizes = new int[points.size()];
        int size = CodedOutputStream.computeStringSize(CreateTimeSeriesRequest.NAME_FIELD_NUMBER, project);
        for (int i = 0; i < encodedPoints.length; i++) {
            PendingPoint point = points.get(i);
            encodedPoints[i] = point.point();
            seriesSizes[i] = seriesSize(point.series(), encodedPoints[i]);
            size += CodedOutputStream.computeTagSize(CreateTimeSeriesRequest.TIME_SERIES_FIELD_NUMBER)
                    + CodedOutputStream.computeUInt32SizeNoTag(seriesSizes[i]) + seriesSizes[i];
        }
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (int i = 0; i < encodedPoints.length; i++) {
                out.writeTag(CreateTimeSeriesRequest.TIME_SERIES_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(seriesSizes[i]);
                writeSeries(out, points.get(i).series(), encodedPoints[i]);
            }
            out.writeString(CreateTimeSeriesRequest.NAME_FIELD_NUMBER, project);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("a request did not fit the size computed for it", e);
        }
        return new EncodedRequest(project, UnsafeByteOperations.unsafeWrap(bytes));
    }

    private static int seriesSize(ExportedSeries series, Point point) {
        return CodedOutputStream.computeBytesSize(TimeSeries.METRIC_FIELD_NUMBER, series.id().metricBytes())
                + CodedOutputStream.computeBytesSize(TimeSeries.RESOURCE_FIELD_NUMBER, series.id().resourceBytes())
                + CodedOutputStream.computeEnumSize(TimeSeries.METRIC_KIND_FIELD_NUMBER, series.kind().getNumber())
                + CodedOutputStream.computeMessageSize(TimeSeries.POINTS_FIELD_NUMBER, point);
    }

    /** A TimeSeries's fields in field order; a length-delimited field holds a message the same way as bytes. */
    private static void writeSeries(CodedOutputStream out, ExportedSeries series, Point point) throws IOException {
        out.writeBytes(TimeSeries.METRIC_FIELD_NUMBER, series.id().metricBytes());
        out.writeBytes(TimeSeries.RESOURCE_FIELD_NUMBER, series.id().resourceBytes());
        out.writeEnum(TimeSeries.METRIC_KIND_FIELD_NUMBER, series.kind().getNumber());
        out.writeMessage(TimeSeries.POINTS_FIELD_NUMBER, point);
    }
}
