package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static stackdriver.pushgateway.store.PushRequest.Method.PUT;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.support.RunningGateway;

/** The gateway as a whole: what it held before a restart, it holds after. */
class GatewayRestartTest {

    private static final GroupingKey BATCH = GroupingKey.of("job", "batch");
    private static final GroupingKey WEB = GroupingKey.of("job", "web");

    @TempDir
    Path dir;

    @Test
    void groupsSurviveAStopAndStartInSnapshotMode() throws Exception {
        String file = dir.resolve("snapshot.bin").toString();
        try (RunningGateway gateway = RunningGateway.start("gateway.persistence.file", file)) {
            gateway.gateway().store().apply(Groups.gauge(PUT, BATCH, "a", 1));
        }

        try (RunningGateway gateway = RunningGateway.start("gateway.persistence.file", file)) {
            assertThat(Groups.gaugeValue(gateway.gateway().store().group(BATCH), "a")).isEqualTo(1);
        }
    }

    @Test
    void aDeleteAndAWipeAnsweredOverHttpAreJournaled() throws Exception {
        Path journalDir = dir.resolve("journal");
        MetricStore seeded = new MetricStore();
        try (PushJournal journal = PushJournal.open(journalDir, seeded)) {
            for (GroupingKey key : new GroupingKey[] {BATCH, WEB, GroupingKey.of("job", "other")}) {
                seeded.apply(Groups.gauge(PUT, key, "a", 1));
                journal.record(Groups.gauge(PUT, key, "a", 1));
            }
        }
        String[] settings = {"gateway.persistence.file", journalDir.toString(), "gateway.persistence.mode", "journal",
                "gateway.web.enable-admin-api", "true"};

        try (RunningGateway gateway = RunningGateway.start(settings)) {
            assertThat(gateway.gateway().store().groups()).hasSize(3);
            assertThat(gateway.send("DELETE", "/metrics/job/batch", null).statusCode()).isEqualTo(202);
        }
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            assertThat(gateway.gateway().store().group(BATCH)).isNull();
            assertThat(gateway.gateway().store().groups()).hasSize(2);
            assertThat(gateway.send("PUT", "/api/v1/admin/wipe", null).statusCode()).isEqualTo(202);
        }
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            assertThat(gateway.gateway().store().groups()).isEmpty();
        }
    }

    @Test
    void theGatewayDoesNotStartOverACorruptSnapshot() throws Exception {
        Path file = dir.resolve("snapshot.bin");
        Files.write(file, new byte[] {'S', 'D', 'P', 'G'});

        assertThatThrownBy(() -> RunningGateway.start("gateway.persistence.file", file.toString()))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("cut short");
        assertThat(Files.readAllBytes(file)).hasSize(4);
    }
}
