package stackdriver.pushgateway.export;

import com.google.api.Metric;
import com.google.api.MonitoredResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.persistence.CorruptStateException;
import stackdriver.pushgateway.persistence.Persistence;
import stackdriver.pushgateway.persistence.PersistentState;

/**
 * The {@link SeriesHistory} kept across restarts with the groups, so that a counter keeps its start time (Cloud
 * Monitoring refuses a start that moves without a reset). The export captures the history after each cycle and
 * has persistence save it then, so after a crash it is at most one export interval old; persistence's own saves
 * take the last capture, since the history may only be read under the cycle's lock.
 */
public final class SavedSeriesHistory implements PersistentState {
    private static final Logger LOG = LoggerFactory.getLogger(SavedSeriesHistory.class);
    /** Where versions before this one kept the start times, in the same layout: read once after an upgrade. */
    static final String LEGACY_FILE_SUFFIX = ".starts";
    private static final int FORMAT = 2;
    /**
     * Format 1 was written by versions that wrote an absent instance as {@code __none__}: those series are written
     * with "" now, so they are new series in Cloud Monitoring, and their old entries would never be claimed again.
     */
    private static final int FORMAT_WITH_NONE_INSTANCE = 1;
    private static final String OLD_ABSENT_INSTANCE = "__none__";
    private static final long NONE = Long.MIN_VALUE;

    private final SeriesHistory history;
    private final Persistence persistence;
    private volatile byte[] captured;
    private boolean restored;

    private SavedSeriesHistory(SeriesHistory history, Persistence persistence) {
        this.history = history;
        this.persistence = persistence;
        this.captured = encode(Map.of());
    }

    /**
     * Restores the history saved by the last run (or, after an upgrade, read from the legacy file) and returns what
     * the export runs after each cycle to save it; nothing is kept when persistence is off.
     */
    public static Runnable keep(SeriesHistory history, Persistence persistence) {
        if (!persistence.saves()) {
            return () -> { };
        }
        SavedSeriesHistory saved = new SavedSeriesHistory(history, persistence);
        persistence.states().register(saved);
        if (!saved.restored) {
            persistence.besideFile(LEGACY_FILE_SUFFIX).filter(Files::exists).ifPresent(saved::readLegacyFile);
        }
        return saved::captureAndSave;
    }

    @Override
    public String name() {
        return "export.series-history";
    }

    @Override
    public byte[] save() {
        return captured;
    }

    @Override
    public void restore(byte[] saved) {
        try {
            history.restore(decode(saved));
        } catch (IOException e) {
            throw new CorruptStateException("the saved start times of cumulative series are unreadable: " + e, e);
        }
        captured = saved;
        restored = true;
    }

    private void readLegacyFile(Path file) {
        try {
            restore(Files.readAllBytes(file));
        } catch (IOException | CorruptStateException e) {
            throw new CorruptStateException("cannot read the start times in " + file + ": " + e.getMessage()
                    + ". Move the file away to start without them (counters then start anew in Cloud Monitoring).", e);
        }
        LOG.info("read the start times of cumulative series from {}; they are saved with the groups from now on", file);
    }

    /** Called by the export cycle, under its lock. */
    private void captureAndSave() {
        captured = encode(history.snapshot());
        try {
            persistence.save();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the start times of cumulative series: {}", e.toString());
        }
    }

    private static byte[] encode(Map<SeriesId, SeriesHistory.State> states) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + states.size() * 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(states.size());
            for (Map.Entry<SeriesId, SeriesHistory.State> entry : states.entrySet()) {
                writeBytes(out, entry.getKey().metricBytes());
                writeBytes(out, entry.getKey().resource().toByteArray());
                SeriesHistory.State state = entry.getValue();
                out.writeLong(state.start() == null ? NONE : state.start().toEpochMilli());
                out.writeDouble(state.created());
                out.writeDouble(state.runningTotal());
                out.writeLong(state.lastEnd().toEpochMilli());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Map<SeriesId, SeriesHistory.State> decode(byte[] saved) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved));
        int format = in.readInt();
        if (format != FORMAT && format != FORMAT_WITH_NONE_INSTANCE) {
            throw new IOException("format " + format + " is not a format this version reads (" + FORMAT_WITH_NONE_INSTANCE
                    + " or " + FORMAT + ")");
        }
        int count = in.readInt();
        Map<SeriesId, SeriesHistory.State> states = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Metric metric = Metric.parseFrom(readBytes(in));
            MonitoredResource resource = MonitoredResource.parseFrom(readBytes(in));
            long start = in.readLong();
            double created = in.readDouble();
            double total = in.readDouble();
            long lastEnd = in.readLong();
            if (format == FORMAT_WITH_NONE_INSTANCE && withoutInstance(resource)) {
                continue;
            }
            states.put(new SeriesId(metric, resource), new SeriesHistory.State(
                    start == NONE ? null : Instant.ofEpochMilli(start), created, total, Instant.ofEpochMilli(lastEnd)));
        }
        return states;
    }

    private static boolean withoutInstance(MonitoredResource resource) {
        return OLD_ABSENT_INSTANCE.equals(resource.getLabelsOrDefault("instance", null))
                || OLD_ABSENT_INSTANCE.equals(resource.getLabelsOrDefault("task_id", null));
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("an entry of " + length + " bytes runs past the end");
        }
        return in.readNBytes(length);
    }
}
