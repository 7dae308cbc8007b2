package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode;
import com.google.monitoring.v3.CreateTimeSeriesSummary;
import com.google.monitoring.v3.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on a CreateTimeSeries request as a whole, and how a partly bad request is answered. */
class RequestRulesTest extends EmulatorTestSupport {

    @Test
    void aGoodWriteIsAcceptedAndReadBackWithTheSameValues() {
        write(gauge("custom.googleapis.com/orders", 42.5, NOW));

        List<TimeSeries> read = read("custom.googleapis.com/orders");

        assertThat(read).hasSize(1);
        assertThat(read.get(0).getMetric().getType()).isEqualTo("custom.googleapis.com/orders");
        assertThat(read.get(0).getResource().getLabelsMap()).containsEntry("project_id", project.getProject());
        assertThat(read.get(0).getPointsList()).singleElement().satisfies(p -> {
            assertThat(p.getValue().getDoubleValue()).isEqualTo(42.5);
            assertThat(p.getInterval().getEndTime()).isEqualTo(ts(NOW));
        });
    }

    @Test
    void twoHundredSeriesInOneRequestAreAccepted() {
        write(series(200).toArray(TimeSeries[]::new));

        assertThat(read("custom.googleapis.com/many")).hasSize(200);
    }

    @Test
    void moreThanTwoHundredSeriesInOneRequestAreRejectedAndNothingIsWritten() {
        Rejection rejection = rejected(series(201));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("at most 200 TimeSeries");
        assertThat(read("custom.googleapis.com/many")).isEmpty();
    }

    @Test
    void aSeriesWithTwoPointsIsRejected() {
        TimeSeries twoPoints = gauge("custom.googleapis.com/x", 1, NOW).toBuilder()
                .addPoints(point(doubleValue(2), null, NOW.minusSeconds(60))).build();

        Rejection rejection = rejected(twoPoints);

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).isEqualTo("One or more TimeSeries could not be written: Field timeSeries[0].points"
                + " had an invalid value: Only one point can be written per TimeSeries per request.: timeSeries[0]");
        assertThat(rejection.summary().getTotalPointCount()).isEqualTo(2);
        assertThat(rejection.summary().getSuccessPointCount()).isZero();
    }

    @Test
    void aSeriesWithNoPointIsRejected() {
        TimeSeries none = gauge("custom.googleapis.com/x", 1, NOW).toBuilder().clearPoints().build();

        assertThat(rejected(none).message()).contains("Only one point can be written per TimeSeries per request.");
    }

    @Test
    void theSameSeriesTwiceInOneRequestIsRejectedAndTheFirstIsWritten() {
        Rejection rejection = rejected(gauge("custom.googleapis.com/x", 1, NOW), gauge("custom.googleapis.com/x", 2, NOW));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).isEqualTo("One or more TimeSeries could not be written: Field timeSeries[1] had"
                + " an invalid value: Duplicate TimeSeries encountered. Only one point can be written per TimeSeries"
                + " per request.: timeSeries[1]");
        assertThat(read("custom.googleapis.com/x")).singleElement().satisfies(s -> assertThat(valueOf(s)).isEqualTo(1));
    }

    @Test
    void aPartlyBadRequestWritesTheGoodSeriesAndSummarisesTheBadOnes() {
        TimeSeries bad = gauge(metric("custom.googleapis.com/x", "1bad", "v"), 1, NOW);
        TimeSeries good = gauge(metric("custom.googleapis.com/x", "ok", "a"), 2, NOW);
        TimeSeries tooSoon = gauge("custom.googleapis.com/y", 3, NOW);
        write(tooSoon);
        clock.advance(java.time.Duration.ofSeconds(1));

        Rejection rejection = rejected(bad, good, bad.toBuilder().setMetric(metric("custom.googleapis.com/x", "2bad", "v"))
                .build(), gauge("custom.googleapis.com/y", 4, NOW.plusSeconds(1)));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).startsWith("One or more TimeSeries could not be written: ")
                .contains(": timeSeries[0]; ", ": timeSeries[2]; ")
                .endsWith("One or more points were written more frequently than the maximum sampling period configured"
                        + " for the metric.: timeSeries[3]");
        assertThat(rejection.summary()).isEqualTo(CreateTimeSeriesSummary.newBuilder()
                .setTotalPointCount(4).setSuccessPointCount(1)
                .addErrors(error(io.grpc.Status.Code.INVALID_ARGUMENT, 2))
                .addErrors(error(io.grpc.Status.Code.FAILED_PRECONDITION, 1))
                .build());
        assertThat(read("custom.googleapis.com/x")).singleElement()
                .satisfies(s -> assertThat(s.getMetric().getLabelsMap()).containsEntry("ok", "a"));
        assertThat(emulator.rejectedTimeSeries()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void seriesRejectedForTheSameReasonAreListedAsRanges() {
        assertThat(WriteOutcome.ranges(List.of(0, 2, 3, 4, 6, 8, 9))).isEqualTo("[0,2-4,6,8-9]");
    }

    private static CreateTimeSeriesSummary.Error error(io.grpc.Status.Code code, int points) {
        return CreateTimeSeriesSummary.Error.newBuilder()
                .setStatus(com.google.rpc.Status.newBuilder().setCode(code.value())).setPointCount(points).build();
    }

    private static List<TimeSeries> series(int count) {
        List<TimeSeries> series = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            series.add(gauge(metric("custom.googleapis.com/many", "n", Integer.toString(i)), i, NOW));
        }
        return series;
    }
}
