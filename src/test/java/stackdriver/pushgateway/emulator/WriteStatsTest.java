package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the emulator tells a test about the writes it took: the reasons it rejected series for, the counter resets. */
class WriteStatsTest extends EmulatorTestSupport {
    private static final String COUNTER = "custom.googleapis.com/orders";

    @Test
    void aCounterThatOnlyGrowsUnderOneStartIsNoReset() {
        long before = emulator.counterResets();

        write(cumulative(COUNTER, 10, NOW.minusSeconds(600), NOW));
        write(cumulative(COUNTER, 10, NOW.minusSeconds(600), NOW.plusSeconds(60)));
        write(cumulative(COUNTER, 12, NOW.minusSeconds(600), NOW.plusSeconds(120)));

        assertThat(emulator.counterResets()).isEqualTo(before);
    }

    @Test
    void aNewStartAndAValueThatGoesDownAreEachAReset() {
        write(cumulative(COUNTER, 10, NOW.minusSeconds(600), NOW));
        long before = emulator.counterResets();

        write(cumulative(COUNTER, 1, NOW.plusSeconds(1), NOW.plusSeconds(60)));
        write(cumulative(COUNTER, 0, NOW.plusSeconds(1), NOW.plusSeconds(120)));

        assertThat(emulator.counterResets()).isEqualTo(before + 2);
    }

    @Test
    void theReasonOfARejectedSeriesCanBeRead() {
        write(gauge("custom.googleapis.com/temperature", 1, NOW));

        rejected(gauge("custom.googleapis.com/temperature", 2, NOW.plusSeconds(1)));

        assertThat(emulator.rejections()).last().isEqualTo("One or more points were written more frequently than the"
                + " maximum sampling period configured for the metric.: timeSeries[0]");
    }
}
