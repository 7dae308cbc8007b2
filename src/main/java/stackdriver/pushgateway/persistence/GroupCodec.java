package stackdriver.pushgateway.persistence;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
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
 *
 * <p>Readers take the bytes as a heap {@link ByteBuffer} (big-endian, as {@link DataOutput} writes): a restore of
 * 1,000,000 series makes tens of millions of reads, which {@code DataInputStream} would make one synchronized
 * call at a time. A series' label strings equal to those of the series before it in its family are taken from
 * that series, so a restored store holds one copy of each as a pushed one does, and reading a series allocates
 * only what differs from the one before.
 */
final class GroupCodec {

    /**
     * 4: each family ends with its series' resets (a flag, then a time or none per metric). 3: each metric ends with
     * its native histogram part (a flag, then the fields). 2: a family's {@code since} after its {@code pushedAt}.
     * Formats 1 to 3 are still read (1: since = pushedAt; 1 and 2: no native part; 1 to 3: no resets).
     */
    static final int FORMAT = 4;
    static final int FORMAT_WITHOUT_RESETS = 3;
    static final int FORMAT_WITHOUT_NATIVE = 2;
    static final int FORMAT_WITHOUT_SINCE = 1;

    /** Larger counts can only come from a damaged file; refusing them avoids a huge allocation. */
    private static final int MAX_COUNT = 1 << 28;
    private static final double[] NO_DOUBLES = new double[0];
    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];

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

    /** Why reading failed, for an error message: running past the end of the bytes has no message of its own. */
    static String reason(Exception e) {
        return e instanceof BufferUnderflowException ? "the entry ends early" : e.getMessage();
    }

    static Group readGroup(ByteBuffer in, int format) throws IOException {
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

    static Group readGroupHeader(ByteBuffer in, GroupingKey key) throws IOException {
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

    static StoredFamily readFamily(ByteBuffer in, int format) throws IOException {
        String name = readString(in);
        String help = readString(in);
        MetricType type = readType(in);
        String unit = readString(in);
        Instant pushedAt = readInstant(in);
        Instant since = format == FORMAT_WITHOUT_SINCE ? pushedAt : readInstant(in);
        int n = readCount(in);
        List<Metric> metrics = new ArrayList<>(Math.min(n, 1024));
        Labels previous = null;
        for (int i = 0; i < n; i++) {
            Metric metric = readMetric(in, format, previous);
            metrics.add(metric);
            previous = metric.labels();
        }
        SeriesResets resets = SeriesResets.NONE;
        if (format >= FORMAT && readBoolean(in)) {
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

    static Labels readLabels(ByteBuffer in) throws IOException {
        return readLabels(in, null);
    }

    /** @param previous the labels of the series before in the family, whose strings are reused (may be null) */
    private static Labels readLabels(ByteBuffer in, Labels previous) throws IOException {
        int n = readCount(in);
        if (n == 0) {
            return Labels.EMPTY;
        }
        boolean alike = previous != null && previous.size() == n;
        // null while each name read is the one of the series before (in a family, nearly always): its names are shared
        String[] names = null;
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            String name = readString(in, alike ? previous.name(i) : null);
            if (names == null && (!alike || name != previous.name(i))) {
                names = new String[n];
                for (int j = 0; j < i; j++) {
                    names[j] = previous.name(j);
                }
            }
            if (names != null) {
                names[i] = name;
            }
            values[i] = readString(in, alike ? previous.value(i) : null);
        }
        if (names == null) {
            return previous.withValues(values);
        }
        for (int i = 1; i < n; i++) {
            if (names[i - 1].compareTo(names[i]) >= 0) {
                return unsortedLabels(names, values);
            }
        }
        return Labels.ofDistinctNames(names, values, previous);
    }

    /** Labels are written sorted by name; read others as the format always did (the last of one name wins). */
    private static Labels unsortedLabels(String[] names, String[] values) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            labels.put(names[i], values[i]);
        }
        return Labels.of(labels);
    }

    static GroupingKey readGroupingKey(ByteBuffer in) throws IOException {
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

    static String readString(ByteBuffer in) throws IOException {
        return readString(in, null);
    }

    /** @param candidate returned instead of a new string when the bytes read are its UTF-8 form (may be null) */
    private static String readString(ByteBuffer in, String candidate) throws IOException {
        int length = readCount(in);
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        int at = in.arrayOffset() + in.position();
        in.position(in.position() + length);
        if (candidate != null && isAscii(candidate, in.array(), at, length)) {
            return candidate;
        }
        return new String(in.array(), at, length, StandardCharsets.UTF_8);
    }

    /** Whether {@code s} is ASCII and its bytes are these; false otherwise (those bytes are then decoded). */
    private static boolean isAscii(String s, byte[] bytes, int at, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            byte b = bytes[at + i];
            if (b < 0 || s.charAt(i) != b) {
                return false;
            }
        }
        return true;
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

    private static Metric readMetric(ByteBuffer in, int format, Labels previous) throws IOException {
        Metric metric = new Metric(readLabels(in, previous), in.getDouble(), in.getDouble(), in.getDouble(),
                readDoubles(in), readDoubles(in), readDoubles(in), readDoubles(in), in.getLong(), in.getDouble());
        if (format > FORMAT_WITHOUT_NATIVE && readBoolean(in)) {
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

    private static NativeHistogram readNative(ByteBuffer in) throws IOException {
        return new NativeHistogram(in.getInt(), in.getDouble(), in.getLong(), in.getDouble(), in.getDouble(),
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

    private static NativeHistogram.Buckets readNativeBuckets(ByteBuffer in) throws IOException {
        int[] offsets = readInts(in);
        int[] lengths = readInts(in);
        if (offsets.length != lengths.length) {
            throw new CorruptStateException("native histogram with " + offsets.length + " span offsets but "
                    + lengths.length + " lengths");
        }
        int n = readCount(in);
        long[] deltas = n == 0 ? NO_LONGS : new long[n];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = in.getLong();
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

    private static int[] readInts(ByteBuffer in) throws IOException {
        int n = readCount(in);
        int[] values = n == 0 ? NO_INTS : new int[n];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.getInt();
        }
        return values;
    }

    private static void writeDoubles(DataOutput out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    private static double[] readDoubles(ByteBuffer in) throws IOException {
        int n = readCount(in);
        double[] values = n == 0 ? NO_DOUBLES : new double[n];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(in.getLong());
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

    private static Instant readInstant(ByteBuffer in) throws IOException {
        if (!readBoolean(in)) {
            return null;
        }
        long seconds = in.getLong();
        int nanos = in.getInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new CorruptStateException("invalid time (nanoseconds " + nanos + ")");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static MetricType readType(ByteBuffer in) throws IOException {
        String name = readString(in);
        try {
            return MetricType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptStateException("unknown metric type \"" + name + "\"");
        }
    }

    private static boolean readBoolean(ByteBuffer in) {
        return in.get() != 0;
    }

    private static int readCount(ByteBuffer in) throws IOException {
        int n = in.getInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new CorruptStateException("invalid length " + n);
        }
        return n;
    }
}
