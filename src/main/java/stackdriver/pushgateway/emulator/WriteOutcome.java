package stackdriver.pushgateway.emulator;

import com.google.monitoring.v3.CreateTimeSeriesSummary;
import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What became of each series of one CreateTimeSeries request, turned into the answer the real API
 * gives: nothing when all were written, else INVALID_ARGUMENT "One or more TimeSeries could not be
 * written: {reason}: timeSeries[0,2-4]; ..." with a {@link CreateTimeSeriesSummary} in the status details.
 */
final class WriteOutcome {
    private int totalPoints;
    private int writtenPoints;
    private int rejectedSeries;
    private int counterResets;
    private final Map<String, List<Integer>> seriesByMessage = new LinkedHashMap<>();
    private final Map<Status.Code, Integer> pointsByCode = new EnumMap<>(Status.Code.class);

    void written(int points) {
        totalPoints += points;
        writtenPoints += points;
    }

    void rejected(int series, int points, SeriesError error) {
        totalPoints += points;
        rejectedSeries++;
        seriesByMessage.computeIfAbsent(error.message(), m -> new ArrayList<>()).add(series);
        pointsByCode.merge(error.code(), points, Integer::sum);
    }

    /** A cumulative point was written that a reader takes for a reset (see {@link StoredSeries#resets}). */
    void counterReset() {
        counterResets++;
    }

    int counterResets() {
        return counterResets;
    }

    /** Each reason a series was rejected for, with the series' index in the request. */
    List<String> rejections() {
        List<String> reasons = new ArrayList<>();
        seriesByMessage.forEach((message, series) -> reasons.add(message + ": timeSeries" + ranges(series)));
        return reasons;
    }

    int writtenPoints() {
        return writtenPoints;
    }

    int rejectedSeries() {
        return rejectedSeries;
    }

    Optional<StatusRuntimeException> failure() {
        if (seriesByMessage.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = rejections();
        CreateTimeSeriesSummary.Builder summary = CreateTimeSeriesSummary.newBuilder()
                .setTotalPointCount(totalPoints).setSuccessPointCount(writtenPoints);
        pointsByCode.forEach((code, points) -> summary.addErrors(CreateTimeSeriesSummary.Error.newBuilder()
                .setStatus(com.google.rpc.Status.newBuilder().setCode(code.value()))
                .setPointCount(points)));
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.INVALID_ARGUMENT.value())
                .setMessage("One or more TimeSeries could not be written: " + String.join("; ", parts))
                .addDetails(Any.pack(summary.build()))
                .build();
        return Optional.of(StatusProto.toStatusRuntimeException(status));
    }

    /** [0,2-4,7]: the index notation of Google's messages. */
    static String ranges(List<Integer> indexes) {
        StringBuilder text = new StringBuilder("[");
        int i = 0;
        while (i < indexes.size()) {
            int first = indexes.get(i);
            int last = first;
            while (i + 1 < indexes.size() && indexes.get(i + 1) == last + 1) {
                last = indexes.get(++i);
            }
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(first);
            if (last != first) {
                text.append('-').append(last);
            }
            i++;
        }
        return text.append(']').toString();
    }
}
