package stackdriver.pushgateway.export;

import com.google.api.Metric;
import com.google.api.MonitoredResource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the {@link SeriesHistory} across restarts, so that a counter keeps its start time (Cloud Monitoring
 * refuses a start that moves without a reset). Written whole, to a temporary file renamed over the old one.
 */
public final class SeriesHistoryFile {
    private static final int FORMAT = 1;
    private static final long NONE = Long.MIN_VALUE;

    private final Path file;

    public SeriesHistoryFile(Path file) {
        this.file = file;
    }

    public Map<SeriesId, SeriesHistory.State> load() throws IOException {
        Map<SeriesId, SeriesHistory.State> states = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FORMAT) {
                throw new IOException(file + " is not a start-times file of this version");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                Metric metric = Metric.parseFrom(bytes(in));
                MonitoredResource resource = MonitoredResource.parseFrom(bytes(in));
                long start = in.readLong();
                double created = in.readDouble();
                double total = in.readDouble();
                long lastEnd = in.readLong();
                states.put(new SeriesId(metric, resource), new SeriesHistory.State(
                        start == NONE ? null : Instant.ofEpochMilli(start), created, total, Instant.ofEpochMilli(lastEnd)));
            }
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        return states;
    }

    public void save(Map<SeriesId, SeriesHistory.State> states) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
            out.writeInt(FORMAT);
            out.writeInt(states.size());
            for (Map.Entry<SeriesId, SeriesHistory.State> entry : states.entrySet()) {
                byte[] metric = entry.getKey().metricBytes();
                byte[] resource = entry.getKey().resource().toByteArray();
                SeriesHistory.State state = entry.getValue();
                out.writeInt(metric.length);
                out.write(metric);
                out.writeInt(resource.length);
                out.write(resource);
                out.writeLong(state.start() == null ? NONE : state.start().toEpochMilli());
                out.writeDouble(state.created());
                out.writeDouble(state.runningTotal());
                out.writeLong(state.lastEnd().toEpochMilli());
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
