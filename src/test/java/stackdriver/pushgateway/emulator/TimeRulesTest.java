package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode;
import com.google.monitoring.v3.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules on a point's times: the write window, the sampling period, order, and the interval per metric kind. */
class TimeRulesTest extends EmulatorTestSupport {
    private static final String GAUGE = "custom.googleapis.com/temperature";
    private static final String COUNTER = "custom.googleapis.com/requests";

    @Test
    void aPointUpTo25h10sOldIsAccepted() {
        write(gauge(GAUGE, 1, NOW.minus(Duration.ofHours(25).plusSeconds(10))));

        assertThat(read(GAUGE)).hasSize(1);
    }

    @Test
    void aPointOlderThan25h10sIsRejected() {
        Instant old = NOW.minus(Duration.ofHours(25).plusSeconds(11));

        Rejection rejection = rejected(gauge(GAUGE, 1, old));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).isEqualTo("One or more TimeSeries could not be written: Field timeSeries[0]"
                + ".points[0].interval.end_time had an invalid value of \"" + old + "\": Data points cannot be written"
                + " more than 25h10s in the past.: timeSeries[0]");
        assertThat(rejection.summary().getErrors(0).getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT.value());
    }

    @Test
    void aPointUpToFiveMinutesAheadIsAccepted() {
        write(gauge(GAUGE, 1, NOW.plus(Duration.ofMinutes(5))));

        assertThat(read(GAUGE)).hasSize(1);
    }

    @Test
    void aPointMoreThanFiveMinutesAheadIsRejected() {
        Rejection rejection = rejected(gauge(GAUGE, 1, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("Data points cannot be written more than 5m in the future.");
    }

    @Test
    void pointsFiveSecondsApartAreAccepted() {
        write(gauge(GAUGE, 1, NOW));
        write(gauge(GAUGE, 2, NOW.plusSeconds(5)));

        assertThat(read(GAUGE).get(0).getPointsList()).extracting(p -> p.getValue().getDoubleValue())
                .containsExactly(2.0, 1.0);
    }

    @Test
    void pointsCloserThanTheSamplingPeriodAreRejected() {
        write(gauge(GAUGE, 1, NOW));

        Rejection rejection = rejected(gauge(GAUGE, 2, NOW.plusMillis(4999)));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).isEqualTo("One or more TimeSeries could not be written: One or more points"
                + " were written more frequently than the maximum sampling period configured for the metric."
                + ": timeSeries[0]");
        assertThat(rejection.summary().getErrors(0).getStatus().getCode())
                .isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION.value());
    }

    @Test
    void aPointOlderThanTheLatestIsRejected() {
        write(gauge(GAUGE, 1, NOW));

        Rejection rejection = rejected(gauge(GAUGE, 2, NOW.minusSeconds(60)));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("Points must be written in order. One or more of the points"
                + " specified had an older end time than the most recent point.: timeSeries[0]");
    }

    @Test
    void aGaugeWithoutStartOrWithStartEqualToEndIsAccepted() {
        write(gauge(GAUGE, 1, NOW));
        TimeSeries withStart = gauge(GAUGE, 2, NOW.plusSeconds(60)).toBuilder()
                .setPoints(0, point(doubleValue(2), NOW.plusSeconds(60), NOW.plusSeconds(60))).build();
        write(withStart);

        assertThat(read(GAUGE).get(0).getPointsList()).allSatisfy(
                p -> assertThat(p.getInterval().getStartTime()).isEqualTo(p.getInterval().getEndTime()));
    }

    @Test
    void aGaugeWithStartDifferentFromEndIsRejected() {
        TimeSeries series = gauge(GAUGE, 1, NOW).toBuilder()
                .setPoints(0, point(doubleValue(1), NOW.minusSeconds(60), NOW)).build();

        Rejection rejection = rejected(series);

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("Field timeSeries[0].points[0].interval.start_time had an invalid value of \""
                + NOW.minusSeconds(60) + "\": The start time must be equal to the end time (" + NOW
                + ") for the gauge metric '" + GAUGE + "'.");
    }

    @Test
    void aCumulativeIsAcceptedAndReadBackWithItsStartTime() {
        write(cumulative(COUNTER, 10, NOW.minusSeconds(600), NOW));

        TimeSeries read = read(COUNTER).get(0);

        assertThat(read.getMetricKind()).isEqualTo(com.google.api.MetricDescriptor.MetricKind.CUMULATIVE);
        assertThat(read.getPoints(0).getInterval().getStartTime()).isEqualTo(ts(NOW.minusSeconds(600)));
        assertThat(valueOf(read)).isEqualTo(10);
    }

    @Test
    void aCumulativeWithStartNotBeforeEndIsRejected() {
        Rejection rejection = rejected(cumulative(COUNTER, 10, NOW, NOW));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("The start time must be before the end time (" + NOW
                + ") for the non-gauge metric '" + COUNTER + "'.");
    }

    @Test
    void aCumulativeWithoutStartIsRejected() {
        assertThat(rejected(cumulative(COUNTER, 10, null, NOW)).message())
                .contains("The start time must be before the end time");
    }

    @Test
    void aCumulativeWhoseStartMovesWithoutAResetIsRejected() {
        write(cumulative(COUNTER, 10, NOW.minusSeconds(600), NOW));

        Rejection rejection = rejected(cumulative(COUNTER, 12, NOW.minusSeconds(300), NOW.plusSeconds(60)));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("Points must be written in order.",
                "may only change on a reset, to a time after the end time");
    }

    @Test
    void aCumulativeWhoseStartGoesBackIsRejected() {
        write(cumulative(COUNTER, 10, NOW.minusSeconds(600), NOW));

        Rejection rejection = rejected(cumulative(COUNTER, 12, NOW.minusSeconds(900), NOW.plusSeconds(60)));

        assertThat(rejection.message()).contains("Points must be written in order. One or more of the points"
                + " specified had an older start time than the most recent point.");
    }

    @Test
    void aCumulativeResetStartsAfterThePreviousEndAndIsAccepted() {
        write(cumulative(COUNTER, 10, NOW.minusSeconds(600), NOW));
        write(cumulative(COUNTER, 12, NOW.minusSeconds(600), NOW.plusSeconds(60)));

        write(cumulative(COUNTER, 1, NOW.plusSeconds(61), NOW.plusSeconds(120)));

        assertThat(read(COUNTER).get(0).getPointsList()).extracting(p -> p.getValue().getDoubleValue())
                .containsExactly(1.0, 12.0, 10.0);
    }
}
