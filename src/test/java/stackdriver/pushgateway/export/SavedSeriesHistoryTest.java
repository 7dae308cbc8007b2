package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static stackdriver.pushgateway.export.ExportPartsTest.counter;

import com.google.api.MonitoredResource;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.persistence.CorruptStateException;
import stackdriver.pushgateway.persistence.Persistence;
import stackdriver.pushgateway.store.MetricStore;

/** Counters keep their start times across restarts, saved by persistence with the groups. */
class SavedSeriesHistoryTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void startTimesSurviveARestartInSnapshotAndJournalMode() {
        for (String mode : new String[] {"snapshot", "journal"}) {
            Persistence before = open(mode);
            SeriesHistory history = new SeriesHistory();
            Runnable afterCycle = SavedSeriesHistory.keep(history, before);
            history.next(counter("c", 5, T0), T0.plusSeconds(60));
            afterCycle.run();
            before.stop();

            SeriesHistory after = new SeriesHistory();
            Persistence reopened = open(mode);
            SavedSeriesHistory.keep(after, reopened);
            reopened.stop();

            // pushed again after the restart: the family's store time is later, the start is not
            assertThat(after.next(counter("c", 7, T0.plusSeconds(90)), T0.plusSeconds(120))).as(mode).isEqualTo(T0);
            assertThat(after.next(counter("c", 1, T0.plusSeconds(90)), T0.plusSeconds(180))).as(mode)
                    .isEqualTo(T0.plusSeconds(120).plusMillis(1));
        }
    }

    @Test
    void withoutPersistenceStartTimesAreNotKept() {
        Persistence off = Persistence.open(settings(""), new MetricStore());
        SeriesHistory history = new SeriesHistory();
        SavedSeriesHistory.keep(history, off).run();

        assertThat(off.states().save()).isEmpty();
    }

    @Test
    void theStartTimesFileOfEarlierVersionsIsReadWhenNothingWasSaved() throws Exception {
        ExportedSeries five = counter("c", 5, T0);
        writeLegacyFile(dir.resolve("snapshot.starts"), five, T0, T0.plusSeconds(60));

        SeriesHistory history = new SeriesHistory();
        Persistence persistence = open("snapshot");
        SavedSeriesHistory.keep(history, persistence);
        persistence.stop();

        assertThat(history.next(counter("c", 7, T0.plusSeconds(90)), T0.plusSeconds(120))).isEqualTo(T0);
    }

    @Test
    void afterTheUpgradeToEmptyInstancesACounterWithAnInstanceContinuesAndOneWithoutStartsAsANewSeries() throws Exception {
        ExportedSeries withInstance = onTarget(counter("c", 5, T0), "host1");
        ExportedSeries oldWithout = onTarget(counter("c", 5, T0), "__none__");
        writeLegacyFile(dir.resolve("snapshot.starts"), T0, T0.plusSeconds(60), withInstance, oldWithout);

        SeriesHistory history = new SeriesHistory();
        Persistence persistence = open("snapshot");
        SavedSeriesHistory.keep(history, persistence);
        persistence.stop();

        assertThat(history.snapshot()).containsOnlyKeys(withInstance.id());
        assertThat(history.next(onTarget(counter("c", 7, T0.plusSeconds(90)), "host1"), T0.plusSeconds(120))).isEqualTo(T0);
        ExportedSeries nowWithout = onTarget(counter("c", 7, T0.plusSeconds(90)), "");
        assertThat(history.next(nowWithout, T0.plusSeconds(120))).isEqualTo(nowWithout.firstSeen());
    }

    @Test
    void anUnreadableStartTimesFileOfEarlierVersionsStopsTheStart() throws Exception {
        Path legacy = dir.resolve("snapshot.starts");
        Files.write(legacy, new byte[] {0, 0, 0, 1, 0, 0, 0, 9});

        Persistence persistence = open("snapshot");
        assertThatThrownBy(() -> SavedSeriesHistory.keep(new SeriesHistory(), persistence))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining(legacy.toString());
    }

    /** The layout of {@code <persistence.file>.starts}, which versions before this one rewrote every export interval. */
    private static void writeLegacyFile(Path file, ExportedSeries series, Instant start, Instant lastEnd) throws Exception {
        writeLegacyFile(file, start, lastEnd, series);
    }

    private static void writeLegacyFile(Path file, Instant start, Instant lastEnd, ExportedSeries... all) throws Exception {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(1);
            out.writeInt(all.length);
            for (ExportedSeries series : all) {
                writeLegacyEntry(out, series, start, lastEnd);
            }
        }
    }

    private static void writeLegacyEntry(DataOutputStream out, ExportedSeries series, Instant start, Instant lastEnd)
            throws Exception {
        byte[] metric = series.id().metricBytes();
        byte[] resource = series.id().resource().toByteArray();
        out.writeInt(metric.length);
        out.write(metric);
        out.writeInt(resource.length);
        out.write(resource);
        out.writeLong(start.toEpochMilli());
        out.writeDouble(Double.NaN);
        out.writeDouble(series.runningTotal());
        out.writeLong(lastEnd.toEpochMilli());
    }

    /** The series on a {@code prometheus_target} with this instance. */
    private static ExportedSeries onTarget(ExportedSeries series, String instance) {
        MonitoredResource target = MonitoredResource.newBuilder().setType("prometheus_target")
                .putLabels("project_id", "p").putLabels("location", "l").putLabels("cluster", "c")
                .putLabels("namespace", "n").putLabels("job", "j").putLabels("instance", instance).build();
        return new ExportedSeries(new SeriesId(series.id().metric(), target), series.kind(), series.value(),
                series.runningTotal(), series.createdSeconds(), series.firstSeen(), series.group(),
                series.family(), series.help(), series.unit());
    }

    private Persistence open(String mode) {
        return Persistence.open(settings(dir.resolve(mode).toString(), "gateway.persistence.mode", mode), new MetricStore());
    }

    private static GatewaySettings settings(String file, String... more) {
        Map<String, String> overrides = new java.util.HashMap<>(Map.of("gateway.persistence.file", file));
        for (int i = 0; i < more.length; i += 2) {
            overrides.put(more[i], more[i + 1]);
        }
        return GatewaySettings.load(Path.of("config/application.properties"), Map.of(), overrides);
    }
}
