package stackdriver.pushgateway.persistence;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.model.NativeHistogram;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.SeriesResets;
import stackdriver.pushgateway.store.StoredFamily;

/**
 * The binary form of groups, families and grouping keys, shared by the snapshot file and the journal.
 * Doubles are written bit for bit, so NaN, ±Inf and -0 come back as they were. Readers check
 * {@link #FORMAT}; change the layout only together with it.
 */
final class GroupCodec {

    /**
     * 4: each family ends with its series' resets (a flag, then a time or none per metric). 3: each metric ends with
     * its native histogram part (a flag, then the fields). 2: a family's {@code since} after its {@code pushedAt}.
     * Formats 1 to 3 are still read (since = pushedAt, no native part, no resets).
     */
    static final int FORMAT = 4;
    static final int FORMAT_WITHOUT_RESETS = 3;
    static final int FORMAT_WITHOUT_NATIVE = 2;
    static final int FORMAT_WITHOUT_SINCE = 1;

    /** Larger counts can only come from a damaged file; refusing them avoids a huge allocation. */
    private static final int MAX_COUNT = 1 << 28;

    private GroupCodec() {
    }

    static byte[] encode(IoWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            writer.write(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    interface IoWriter {
        void write(DataOutput out) throws IOException;
    }

    static void writeGroup(DataOutput out, Group group) throws IOException {
        writeLabels(out, group.key().labels());
        writeInstant(out, group.lastPush());
        writeInstant(out, group.lastFailure());
        out.writeInt(group.families().size());
        for (StoredFamily family : group.families().values()) {
            writeFamily(out, family);
        }
    }

    static boolean readable(int format) {
        return format >= FORMAT_WITHOUT_SINCE && format <= FORMAT;
    }

    static Group readGroup(DataInput in, int format) throws IOException {
        GroupingKey key = readGroupingKey(in);
        Instant lastPush = readInstant(in);
        Instant lastFailure = readInstant(in);
        int n = readCount(in);
        Map<String, StoredFamily> families = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            StoredFamily family = readFamily(in, format);
            families.put(family.family().name(), family);
        }
        return new Group(key, Collections.unmodifiableMap(families), lastPush, lastFailure);
    }

    /** The group's own fields without its families: what the journal keeps under the group's key. */
    static void writeGroupHeader(DataOutput out, Group group) throws IOException {
        writeInstant(out, group.lastPush());
        writeInstant(out, group.lastFailure());
    }

    static Group readGroupHeader(DataInput in, GroupingKey key) throws IOException {
        Instant lastPush = readInstant(in);
        Instant lastFailure = readInstant(in);
        return new Group(key, Map.of(), lastPush, lastFailure);
    }

    static void writeFamily(DataOutput out, StoredFamily stored) throws IOException {
        MetricFamily family = stored.family();
        writeString(out, family.name());
        writeString(out, family.help());
        writeString(out, family.type().name());
        writeString(out, family.unit());
        writeInstant(out, stored.pushedAt());
        writeInstant(out, stored.since());
        out.writeInt(family.metrics().size());
        for (Metric metric : family.metrics()) {
            writeMetric(out, metric);
        }
        SeriesResets resets = stored.resets();
        out.writeBoolean(!resets.none());
        if (!resets.none()) {
            for (int i = 0; i < family.metrics().size(); i++) {
                writeInstant(out, resets.of(i));
            }
        }
    }

    static StoredFamily readFamily(DataInput in, int format) throws IOException {
        String name = readString(in);
        String help = readString(in);
        MetricType type = readType(in);
        String unit = readString(in);
        Instant pushedAt = readInstant(in);
        Instant since = format == FORMAT_WITHOUT_SINCE ? pushedAt : readInstant(in);
        int n = readCount(in);
        List<Metric> metrics = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            metrics.add(readMetric(in, format));
        }
        SeriesResets resets = SeriesResets.NONE;
        if (format >= FORMAT && in.readBoolean()) {
            Instant[] times = new Instant[n];
            for (int i = 0; i < n; i++) {
                times[i] = readInstant(in);
            }
            resets = SeriesResets.of(times);
        }
        return new StoredFamily(new MetricFamily(name, help, type, unit, List.copyOf(metrics)), pushedAt, since, resets);
    }

    static void writeLabels(DataOutput out, Labels labels) throws IOException {
        out.writeInt(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            writeString(out, labels.name(i));
            writeString(out, labels.value(i));
        }
    }

    static Labels readLabels(DataInput in) throws IOException {
        int n = readCount(in);
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            labels.put(readString(in), readString(in));
        }
        return Labels.of(labels);
    }

    static GroupingKey readGroupingKey(DataInput in) throws IOException {
        Labels labels = readLabels(in);
        if (labels.get("job") == null) {
            throw new CorruptStateException("grouping key " + labels + " has no job label");
        }
        return new GroupingKey(labels);
    }

    static void writeString(DataOutput out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    static String readString(DataInput in) throws IOException {
        byte[] utf8 = new byte[readCount(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeMetric(DataOutput out, Metric metric) throws IOException {
        writeLabels(out, metric.labels());
        out.writeDouble(metric.value());
        out.writeDouble(metric.count());
        out.writeDouble(metric.sum());
        writeDoubles(out, metric.bucketBounds());
        writeDoubles(out, metric.bucketCounts());
        writeDoubles(out, metric.quantiles());
        writeDoubles(out, metric.quantileValues());
        out.writeLong(metric.timestampMillis());
        out.writeDouble(metric.createdSeconds());
        NativeHistogram nativePart = metric.nativeHistogram();
        out.writeBoolean(nativePart != null);
        if (nativePart != null) {
            writeNative(out, nativePart);
        }
    }

    private static Metric readMetric(DataInput in, int format) throws IOException {
        Metric metric = new Metric(readLabels(in), in.readDouble(), in.readDouble(), in.readDouble(),
                readDoubles(in), readDoubles(in), readDoubles(in), readDoubles(in), in.readLong(), in.readDouble());
        if (format >= FORMAT && in.readBoolean()) {
            metric = metric.withNativeHistogram(readNative(in));
        }
        return metric;
    }

    private static void writeNative(DataOutput out, NativeHistogram n) throws IOException {
        out.writeInt(n.schema());
        out.writeDouble(n.zeroThreshold());
        out.writeLong(n.zeroCount());
        out.writeDouble(n.zeroCountFloat());
        out.writeDouble(n.countFloat());
        writeNativeBuckets(out, n.positive());
        writeNativeBuckets(out, n.negative());
    }

    private static NativeHistogram readNative(DataInput in) throws IOException {
        return new NativeHistogram(in.readInt(), in.readDouble(), in.readLong(), in.readDouble(), in.readDouble(),
                readNativeBuckets(in), readNativeBuckets(in));
    }

    private static void writeNativeBuckets(DataOutput out, NativeHistogram.Buckets buckets) throws IOException {
        writeInts(out, buckets.spanOffsets());
        writeInts(out, buckets.spanLengths());
        out.writeInt(buckets.deltas().length);
        for (long delta : buckets.deltas()) {
            out.writeLong(delta);
        }
        writeDoubles(out, buckets.counts());
    }

    private static NativeHistogram.Buckets readNativeBuckets(DataInput in) throws IOException {
        int[] offsets = readInts(in);
        int[] lengths = readInts(in);
        if (offsets.length != lengths.length) {
            throw new CorruptStateException("native histogram with " + offsets.length + " span offsets but "
                    + lengths.length + " lengths");
        }
        long[] deltas = new long[readCount(in)];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = in.readLong();
        }
        double[] counts = readDoubles(in);
        return offsets.length == 0 && deltas.length == 0 && counts.length == 0 ? NativeHistogram.Buckets.NONE
                : new NativeHistogram.Buckets(offsets, lengths, deltas, counts);
    }

    private static void writeInts(DataOutput out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInput in) throws IOException {
        int[] values = new int[readCount(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static void writeDoubles(DataOutput out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    private static double[] readDoubles(DataInput in) throws IOException {
        double[] values = new double[readCount(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(in.readLong());
        }
        return values;
    }

    private static void writeInstant(DataOutput out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static Instant readInstant(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        long seconds = in.readLong();
        int nanos = in.readInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new CorruptStateException("invalid time (nanoseconds " + nanos + ")");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static MetricType readType(DataInput in) throws IOException {
        String name = readString(in);
        try {
            return MetricType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptStateException("unknown metric type \"" + name + "\"");
        }
    }

    private static int readCount(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new CorruptStateException("invalid length " + n);
        }
        return n;
    }
}
