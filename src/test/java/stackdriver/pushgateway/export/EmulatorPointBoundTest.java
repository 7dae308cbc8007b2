package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The embedded emulator keeps only the newest gateway.emulator.points-per-series points of a series, so memory stays bounded. */
class EmulatorPointBoundTest extends ExportTestSupport {

    @Override
    String[] settings() {
        return new String[] {"gateway.emulator.points-per-series", "2"};
    }

    @Test
    void onlyTheNewestPointsAreKept() throws Exception {
        push("# TYPE g gauge\ng 1\n");
        exportAfterAMinute();
        exportAfterAMinute();
        exportAfterAMinute();
        assertThat(readOne("prometheus.googleapis.com/g/gauge").getPointsList()).hasSize(2);
    }
}
