package stackdriver.pushgateway.exposition;

import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.CodedInputStream;
import java.io.IOException;
import java.util.Arrays;
import stackdriver.pushgateway.model.NativeHistogram;

/**
 * The native histogram fields of one {@code io.prometheus.client.Histogram} message (fields 5 to 14 of
 * metrics.proto), read with protobuf's rules: a later scalar wins, repeated fields append whether packed or not.
 * Reused for every metric of a body, like {@link ProtobufMetricFields}, which hands it these tags.
 */
final class ProtobufNativeFields {
    /** True once any native field was on the wire: the proto2 presence the clients rely on. */
    boolean present;
    private int schema;
    private double zeroThreshold;
    private long zeroCount;
    private double zeroCountFloat;
    private final Side positive = new Side();
    private final Side negative = new Side();

    /** One side's spans, deltas and counts as read. */
    private static final class Side {
        int spans;
        int[] offsets = new int[4];
        int[] lengths = new int[4];
        int deltaCount;
        long[] deltas = new long[16];
        int countCount;
        double[] counts = new double[16];

        void clear() {
            spans = deltaCount = countCount = 0;
        }

        void addSpan(int offset, int length) {
            if (spans == offsets.length) {
                offsets = Arrays.copyOf(offsets, spans * 2);
                lengths = Arrays.copyOf(lengths, spans * 2);
            }
            offsets[spans] = offset;
            lengths[spans++] = length;
        }

        void addDelta(long delta) {
            if (deltaCount == deltas.length) {
                deltas = Arrays.copyOf(deltas, deltaCount * 2);
            }
            deltas[deltaCount++] = delta;
        }

        void addCount(double count) {
            if (countCount == counts.length) {
                counts = Arrays.copyOf(counts, countCount * 2);
            }
            counts[countCount++] = count;
        }

        NativeHistogram.Buckets toBuckets() {
            if (spans == 0 && deltaCount == 0 && countCount == 0) {
                return NativeHistogram.Buckets.NONE;
            }
            return new NativeHistogram.Buckets(Arrays.copyOf(offsets, spans), Arrays.copyOf(lengths, spans),
                    Arrays.copyOf(deltas, deltaCount), Arrays.copyOf(counts, countCount));
        }
    }

    void clear() {
        if (present) {
            present = false;
            schema = 0;
            zeroThreshold = zeroCountFloat = 0;
            zeroCount = 0;
            positive.clear();
            negative.clear();
        }
    }

    /** Whether this Histogram tag is a native field; reads it if so. */
    boolean read(CodedInputStream in, int tag) throws IOException {
        switch (tag) {
            case 40 -> schema = in.readSInt32();
            case 49 -> zeroThreshold = in.readDouble();
            case 56 -> zeroCount = in.readUInt64();
            case 65 -> zeroCountFloat = in.readDouble();
            case 74 -> readSpan(in, negative);
            case 80 -> negative.addDelta(in.readSInt64());
            case 82 -> readPackedDeltas(in, negative);
            case 89 -> negative.addCount(in.readDouble());
            case 90 -> readPackedCounts(in, negative);
            case 98 -> readSpan(in, positive);
            case 104 -> positive.addDelta(in.readSInt64());
            case 106 -> readPackedDeltas(in, positive);
            case 113 -> positive.addCount(in.readDouble());
            case 114 -> readPackedCounts(in, positive);
            default -> {
                return false;
            }
        }
        present = true;
        return true;
    }

    /**
     * The native part as read, or null when the histogram has none.
     *
     * @param countFloat the histogram's {@code sample_count_float}, which a float native histogram carries
     */
    NativeHistogram toNativeHistogram(double countFloat) {
        if (!present) {
            return null;
        }
        return new NativeHistogram(schema, zeroThreshold, zeroCount, zeroCountFloat, countFloat,
                positive.toBuckets(), negative.toBuckets());
    }

    private static void readSpan(CodedInputStream in, Side side) throws IOException {
        int offset = 0;
        int length = 0;
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag) {
                case 8 -> offset = in.readSInt32();
                case 16 -> length = in.readUInt32();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        side.addSpan(offset, length);
    }

    private static void readPackedDeltas(CodedInputStream in, Side side) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            side.addDelta(in.readSInt64());
        }
        in.popLimit(limit);
    }

    private static void readPackedCounts(CodedInputStream in, Side side) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            side.addCount(in.readDouble());
        }
        in.popLimit(limit);
    }
}
