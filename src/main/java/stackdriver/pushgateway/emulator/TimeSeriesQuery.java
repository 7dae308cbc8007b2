package stackdriver.pushgateway.emulator;

import com.google.monitoring.v3.Aggregation;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.ListTimeSeriesResponse;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.util.List;
import java.util.Map;

/**
 * ListTimeSeries: the series the filter selects that have points in the interval, raw (ALIGN_NONE),
 * with their points (FULL) or without (HEADERS), a page at a time. A page holds at most page_size
 * points (FULL) or series (HEADERS), and at least one series; the token is the next series' position.
 */
final class TimeSeriesQuery {
    static final int MAX_PAGE_SIZE = 100_000;

    private final Projects projects;

    TimeSeriesQuery(Projects projects) {
        this.projects = projects;
    }

    ListTimeSeriesResponse list(ListTimeSeriesRequest request) {
        return list(request, true);
    }

    /** The REST read API lets a user leave the metric type out, to see everything; the gRPC API does not. */
    ListTimeSeriesResponse list(ListTimeSeriesRequest request, boolean metricTypeRequired) {
        ProjectStore project = projects.byName(request.getName());
        TimeSeriesFilter filter = parseFilter(request.getFilter());
        if (metricTypeRequired && !filter.restrictsMetricType()) {
            throw invalid("Field filter had an invalid value of \"" + request.getFilter()
                    + "\": the filter must name a metric type, as in metric.type = \"custom.googleapis.com/x\".");
        }
        if (!request.getInterval().hasEndTime()) {
            throw invalid("Field interval.endTime had an invalid value: the end time is required.");
        }
        checkRawAggregation(request.getAggregation());
        Timestamp end = request.getInterval().getEndTime();
        Timestamp start = request.getInterval().hasStartTime() ? request.getInterval().getStartTime() : end;
        boolean full = request.getView() == ListTimeSeriesRequest.TimeSeriesView.FULL;
        int pageSize = request.getPageSize() <= 0 || request.getPageSize() > MAX_PAGE_SIZE
                ? MAX_PAGE_SIZE : request.getPageSize();
        int from = pageStart(request.getPageToken());

        List<Map.Entry<SeriesKey, StoredSeries>> selected = project.select(filter);
        ListTimeSeriesResponse.Builder response = ListTimeSeriesResponse.newBuilder();
        int taken = 0;
        for (int i = from; i < selected.size(); i++) {
            StoredSeries series = selected.get(i).getValue();
            List<Point> points = series.pointsBetween(start, end);
            if (points.isEmpty()) {
                continue;
            }
            int cost = full ? points.size() : 1;
            if (taken > 0 && taken + cost > pageSize) {
                response.setNextPageToken(Integer.toString(i));
                break;
            }
            taken += cost;
            TimeSeries header = series.header();
            response.addTimeSeries(full ? header.toBuilder().addAllPoints(points).build() : header);
        }
        return response.build();
    }

    static TimeSeriesFilter parseFilter(String filter) {
        try {
            return TimeSeriesFilter.parse(filter);
        } catch (IllegalArgumentException e) {
            throw invalid("Field filter had an invalid value of \"" + filter + "\": " + e.getMessage());
        }
    }

    private static void checkRawAggregation(Aggregation aggregation) {
        boolean raw = aggregation.getPerSeriesAligner() == Aggregation.Aligner.ALIGN_NONE
                && aggregation.getCrossSeriesReducer() == Aggregation.Reducer.REDUCE_NONE
                && aggregation.getGroupByFieldsCount() == 0;
        if (!raw) {
            throw Status.UNIMPLEMENTED.withDescription("The emulator returns raw points only:"
                    + " use ALIGN_NONE and REDUCE_NONE, or no aggregation.").asRuntimeException();
        }
    }

    private static int pageStart(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            int from = Integer.parseInt(token);
            if (from >= 0) {
                return from;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("Field pageToken had an invalid value of \"" + token + "\".");
    }

    private static RuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
