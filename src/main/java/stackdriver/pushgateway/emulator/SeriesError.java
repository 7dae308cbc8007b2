package stackdriver.pushgateway.emulator;

import io.grpc.Status;

/**
 * Why one TimeSeries of a CreateTimeSeries request was not written. The code is what the summary
 * reports for it: the request itself always fails with INVALID_ARGUMENT, as the real API does.
 */
record SeriesError(Status.Code code, String message) {

    static SeriesError invalid(String message) {
        return new SeriesError(Status.Code.INVALID_ARGUMENT, message);
    }

    /** Conflicts with points already stored (ordering, sampling period): FAILED_PRECONDITION, as Google reports them. */
    static SeriesError conflict(String message) {
        return new SeriesError(Status.Code.FAILED_PRECONDITION, message);
    }

    static SeriesError field(int series, String field, String value, String reason) {
        return invalid("Field timeSeries[" + series + "]" + (field.isEmpty() ? "" : "." + field)
                + " had an invalid value" + (value == null ? "" : " of \"" + value + "\"") + ": " + reason);
    }
}
