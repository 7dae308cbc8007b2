package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static stackdriver.pushgateway.store.PushRequest.Method.PUT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.InconsistentPushException;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.PushRequest;

class PersistenceTest {

    private static final GroupingKey BATCH = GroupingKey.of("job", "batch");

    @TempDir
    Path dir;

    @Test
    void withoutAFileNothingIsSavedOrRestored() throws Exception {
        MetricStore store = new MetricStore();
        Persistence persistence = Persistence.open(settings("gateway.persistence.file", ""), store);
        persistence.start();
        store.apply(Groups.gauge(PUT, BATCH, "a", 1));
        persistence.stop();

        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void snapshotModeSavesAtStopAndRestoresAtOpen() throws Exception {
        Path file = dir.resolve("snapshot.bin");
        MetricStore store = new MetricStore();
        Persistence persistence = Persistence.open(settings("gateway.persistence.file", file.toString()), store);
        persistence.start();
        store.apply(Groups.gauge(PUT, BATCH, "a", 1));
        persistence.stop();

        MetricStore restored = new MetricStore();
        Persistence.open(settings("gateway.persistence.file", file.toString()), restored);
        assertThat(Groups.gaugeValue(restored.group(BATCH), "a")).isEqualTo(1);
    }

    @Test
    void snapshotModeSavesEveryInterval() throws Exception {
        SnapshotFile file = new SnapshotFile(dir.resolve("snapshot.bin"));
        MetricStore store = new MetricStore();
        Persistence persistence = Persistence.open(settings("gateway.persistence.file", file.path().toString(),
                "gateway.persistence.interval", "50ms"), store);
        persistence.start();
        try {
            store.apply(Groups.gauge(PUT, BATCH, "a", 1));

            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (!Files.exists(file.path()) || file.read().orElseThrow().groups().isEmpty()) {
                assertThat(Instant.now()).as("snapshot written before the deadline").isBefore(deadline);
                Thread.sleep(10);
            }
        } finally {
            persistence.stop();
        }
    }

    @Test
    void aCorruptSnapshotStopsTheStart() throws Exception {
        Path file = dir.resolve("snapshot.bin");
        Files.writeString(file, "garbage");

        assertThatThrownBy(() -> Persistence.open(settings("gateway.persistence.file", file.toString()), new MetricStore()))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining(file.toString());
    }

    @Test
    void journalModeJournalsWhatTheApplierStoredAndRestoresIt() throws Exception {
        String journalDir = dir.resolve("journal").toString();
        MetricStore store = new MetricStore();
        Persistence persistence = Persistence.open(settings("gateway.persistence.file", journalDir,
                "gateway.persistence.mode", "journal"), store);
        persistence.store().apply(Groups.gauge(PUT, BATCH, "a", 2));
        persistence.stop();

        MetricStore restored = new MetricStore();
        Persistence.open(settings("gateway.persistence.file", journalDir, "gateway.persistence.mode", "journal"), restored)
                .stop();
        assertThat(Groups.gaugeValue(restored.group(BATCH), "a")).isEqualTo(2);
    }

    @Test
    void journalModeJournalsARejectedPushForItsFailureTimeAndRethrows() throws Exception {
        String journalDir = dir.resolve("journal").toString();
        Persistence persistence = Persistence.open(settings("gateway.persistence.file", journalDir,
                "gateway.persistence.mode", "journal"), new MetricStore());
        PushRequest counter = new PushRequest(PUT, BATCH, List.of(new MetricFamily("a", "", MetricType.COUNTER,
                List.of(Metric.ofValue(Labels.EMPTY, 1)))));
        persistence.store().apply(Groups.gauge(PUT, GroupingKey.of("job", "other"), "a", 1));
        assertThatThrownBy(() -> persistence.store().apply(counter)).isInstanceOf(InconsistentPushException.class);
        persistence.stop();

        MetricStore restored = new MetricStore();
        Persistence.open(settings("gateway.persistence.file", journalDir, "gateway.persistence.mode", "journal"), restored)
                .stop();
        assertThat(restored.group(BATCH).lastFailure()).isNotNull();
        assertThat(restored.group(BATCH).families()).isEmpty();
    }

    @Test
    void journalModeJournalsAWipe() throws Exception {
        String journalDir = dir.resolve("journal").toString();
        Persistence persistence = Persistence.open(settings("gateway.persistence.file", journalDir,
                "gateway.persistence.mode", "journal"), new MetricStore());
        persistence.store().apply(Groups.gauge(PUT, BATCH, "a", 1));
        persistence.store().wipe();
        persistence.stop();

        MetricStore restored = new MetricStore();
        Persistence.open(settings("gateway.persistence.file", journalDir, "gateway.persistence.mode", "journal"), restored)
                .stop();
        assertThat(restored.groups()).isEmpty();
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThatThrownBy(() -> Persistence.open(settings("gateway.persistence.file", dir.resolve("x").toString(),
                "gateway.persistence.mode", "wal"), new MetricStore()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot or journal");
    }

    @Test
    void registeredStatesAreSavedAndHandedBackAfterARestart() throws Exception {
        for (String mode : new String[] {"snapshot", "journal"}) {
            String file = dir.resolve(mode).toString();
            Persistence persistence = Persistence.open(settings("gateway.persistence.file", file,
                    "gateway.persistence.mode", mode), new MetricStore());
            persistence.states().register(new Blob("export", new byte[] {4, 2}, new AtomicReference<>()));
            persistence.stop();

            Persistence reopened = Persistence.open(settings("gateway.persistence.file", file,
                    "gateway.persistence.mode", mode), new MetricStore());
            AtomicReference<byte[]> handedBack = new AtomicReference<>();
            reopened.states().register(new Blob("export", new byte[0], handedBack));
            reopened.stop();
            assertThat(handedBack.get()).as(mode).containsExactly(4, 2);
        }
    }

    @Test
    void aRestoreInTheBackgroundGivesBackTheGroupsAndTheStatesOfComponentsRegisteredMeanwhile() throws Exception {
        for (String mode : List.of("snapshot", "journal")) {
            String file = dir.resolve("background-" + mode).toString();
            MetricStore store = new MetricStore();
            Persistence persistence = Persistence.open(settings("gateway.persistence.file", file,
                    "gateway.persistence.mode", mode), store);
            persistence.store().apply(Groups.gauge(PUT, BATCH, "a", 1));
            persistence.states().register(new Blob("export", new byte[] {4, 2}, new AtomicReference<>()));
            persistence.stop();

            MetricStore restored = new MetricStore();
            Persistence reopened = Persistence.openRestoringInBackground(settings("gateway.persistence.file", file,
                    "gateway.persistence.mode", mode), restored);
            AtomicReference<byte[]> handedBack = new AtomicReference<>();
            // before or after the restore is done: either way the state gets its copy
            reopened.states().register(new Blob("export", new byte[0], handedBack));
            reopened.awaitRestored();

            assertThat(Groups.gaugeValue(restored.group(BATCH), "a")).as(mode).isEqualTo(1);
            assertThat(handedBack.get()).as(mode).containsExactly(4, 2);
            reopened.stop();
        }
    }

    @Test
    void aBackgroundRestoreThatFailsIsReportedAndNothingIsSavedOverTheDamagedFile() throws Exception {
        Path file = dir.resolve("snapshot.bin");
        Files.write(file, new byte[] {'S', 'D', 'P', 'G'});
        Persistence persistence = Persistence.openRestoringInBackground(
                settings("gateway.persistence.file", file.toString()), new MetricStore());

        assertThatThrownBy(persistence::awaitRestored).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining(file.toString());
        persistence.stop();
        assertThat(Files.readAllBytes(file)).as("the damaged file, left for the operator").hasSize(4);
    }

    private record Blob(String name, byte[] bytes, AtomicReference<byte[]> restored) implements PersistentState {
        @Override
        public byte[] save() {
            return bytes;
        }

        @Override
        public void restore(byte[] saved) {
            restored.set(saved);
        }
    }

    private static GatewaySettings settings(String... overrides) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            map.put(overrides[i], overrides[i + 1]);
        }
        return GatewaySettings.load(Path.of("config/application.properties"), Map.of(), map);
    }
}
