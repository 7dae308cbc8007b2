package stackdriver.pushgateway.exposition;

import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.CodedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import stackdriver.pushgateway.model.Labels;

/**
 * The fields of one {@code io.prometheus.client.Metric} message, read straight from the body with protobuf's
 * merge rules (a later scalar wins, a message field seen twice is merged, repeated fields append). One
 * instance is reused for every metric of a body; only the fields the gateway stores are kept.
 */
final class ProtobufMetricFields {
    private final byte[] body;
    private int offset;

    int labelCount;
    String[] labelNames = new String[8];
    String[] labelValues = new String[8];
    /** The previous metric's label set, whose names array the next one shares when it has the same names. */
    Labels previousLabels;
    boolean hasGauge;
    boolean hasCounter;
    boolean hasSummary;
    boolean hasUntyped;
    boolean hasHistogram;
    boolean hasTimestamp;
    double gauge;
    double counter;
    double untyped;
    long timestampMillis;
    final Stamp counterCreated = new Stamp();
    final Stamp summaryCreated = new Stamp();
    final Stamp histogramCreated = new Stamp();
    long summaryCount;
    double summarySum;
    /** Quantiles and their values. */
    final Points quantiles = new Points();
    long histogramCount;
    boolean hasHistogramCountFloat;
    double histogramCountFloat;
    double histogramSum;
    /** Upper bounds and cumulative counts (the float count when sent and above 0, else the integer one). */
    final Points buckets = new Points();
    /** The histogram's native part. */
    final ProtobufNativeFields nativeFields = new ProtobufNativeFields();

    /** google.protobuf.Timestamp. */
    static final class Stamp {
        boolean present;
        long seconds;
        int nanos;

        double toSeconds() {
            return seconds + nanos / 1e9;
        }
    }

    /** Pairs of doubles in the order read. */
    static final class Points {
        int size;
        double[] keys = new double[16];
        double[] values = new double[16];

        void add(double key, double value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size++] = value;
        }
    }

    /** @param body the bytes the decoders read */
    ProtobufMetricFields(byte[] body) {
        this.body = body;
    }

    /**
     * Reads a length-prefixed Metric message whose wire format was already checked.
     *
     * @param offset where in the body the decoder started
     */
    void read(CodedInputStream in, int offset) throws IOException {
        this.offset = offset;
        clear();
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag) {
                case 10 -> readLabel(in);
                case 18 -> {
                    hasGauge = true;
                    gauge = readValueMessage(in, gauge);
                }
                case 26 -> readCounter(in);
                case 34 -> readSummary(in);
                case 42 -> {
                    hasUntyped = true;
                    untyped = readValueMessage(in, untyped);
                }
                case 48 -> {
                    hasTimestamp = true;
                    timestampMillis = in.readInt64();
                }
                case 58 -> readHistogram(in);
                default -> skip(in, tag);
            }
        }
        in.popLimit(limit);
    }

    private void clear() {
        labelCount = 0;
        hasGauge = hasCounter = hasSummary = hasUntyped = hasHistogram = hasTimestamp = false;
        gauge = counter = untyped = 0;
        counterCreated.present = summaryCreated.present = histogramCreated.present = false;
        counterCreated.seconds = summaryCreated.seconds = histogramCreated.seconds = 0;
        counterCreated.nanos = summaryCreated.nanos = histogramCreated.nanos = 0;
        summaryCount = histogramCount = 0;
        summarySum = histogramSum = 0;
        hasHistogramCountFloat = false;
        histogramCountFloat = 0;
        quantiles.size = 0;
        buckets.size = 0;
        nativeFields.clear();
    }

    private void readLabel(CodedInputStream in) throws IOException {
        if (labelCount == labelNames.length) {
            labelNames = Arrays.copyOf(labelNames, labelCount * 2);
            labelValues = Arrays.copyOf(labelValues, labelCount * 2);
        }
        int i = labelCount++;
        // the previous metric's label at this position: consecutive metrics nearly always repeat the names
        // and often values (code="200"), so they share one String instead of each decoding its own
        String name = "";
        String value = "";
        String previousName = labelNames[i];
        String previousValue = labelValues[i];
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag) {
                case 10 -> name = readString(in, previousName);
                case 18 -> value = readString(in, previousValue);
                default -> skip(in, tag);
            }
        }
        in.popLimit(limit);
        labelNames[i] = name;
        labelValues[i] = value;
    }

    private String readString(CodedInputStream in, String previous) throws IOException {
        int length = in.readRawVarint32();
        int at = offset + in.getTotalBytesRead();
        String s = previous != null && isAscii(previous, at, length) ? previous
                : new String(body, at, length, StandardCharsets.UTF_8);
        in.skipRawBytes(length);
        return s;
    }

    private boolean isAscii(String s, int at, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (body[at + i] != s.charAt(i) || body[at + i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Gauge and Untyped: field 1 is the value. */
    private static double readValueMessage(CodedInputStream in, double value) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (tag == 9) {
                value = in.readDouble();
            } else {
                skip(in, tag);
            }
        }
        in.popLimit(limit);
        return value;
    }

    private void readCounter(CodedInputStream in) throws IOException {
        hasCounter = true;
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag) {
                case 9 -> counter = in.readDouble();
                case 26 -> readStamp(in, counterCreated);
                default -> skip(in, tag);
            }
        }
        in.popLimit(limit);
    }

    private void readSummary(CodedInputStream in) throws IOException {
        hasSummary = true;
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag) {
                case 8 -> summaryCount = in.readUInt64();
                case 17 -> summarySum = in.readDouble();
                case 26 -> readQuantile(in);
                case 34 -> readStamp(in, summaryCreated);
                default -> skip(in, tag);
            }
        }
        in.popLimit(limit);
    }

    private void readQuantile(CodedInputStream in) throws IOException {
        double quantile = 0;
        double value = 0;
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag) {
                case 9 -> quantile = in.readDouble();
                case 17 -> value = in.readDouble();
                default -> skip(in, tag);
            }
        }
        in.popLimit(limit);
        quantiles.add(quantile, value);
    }

    private void readHistogram(CodedInputStream in) throws IOException {
        hasHistogram = true;
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag) {
                case 8 -> histogramCount = in.readUInt64();
                case 17 -> histogramSum = in.readDouble();
                case 26 -> readBucket(in);
                case 33 -> {
                    hasHistogramCountFloat = true;
                    histogramCountFloat = in.readDouble();
                }
                case 122 -> readStamp(in, histogramCreated);
                default -> {
                    if (!nativeFields.read(in, tag)) {
                        skip(in, tag);
                    }
                }
            }
        }
        in.popLimit(limit);
    }

    private void readBucket(CodedInputStream in) throws IOException {
        long count = 0;
        boolean hasFloat = false;
        double countFloat = 0;
        double bound = 0;
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag) {
                case 8 -> count = in.readUInt64();
                case 17 -> bound = in.readDouble();
                case 33 -> {
                    hasFloat = true;
                    countFloat = in.readDouble();
                }
                default -> skip(in, tag);
            }
        }
        in.popLimit(limit);
        buckets.add(bound, floatCount(hasFloat, countFloat, count));
    }

    /**
     * A classic float histogram's count (Pushgateway 1.10, {@code cumulative_count_float}, {@code sample_count_float})
     * when it is above 0, else the integer one: the reference reads them so.
     */
    static double floatCount(boolean hasFloat, double countFloat, long count) {
        return hasFloat && countFloat > 0 ? countFloat : unsigned(count);
    }

    private static void readStamp(CodedInputStream in, Stamp stamp) throws IOException {
        stamp.present = true;
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag) {
                case 8 -> stamp.seconds = in.readInt64();
                case 16 -> stamp.nanos = in.readInt32();
                default -> skip(in, tag);
            }
        }
        in.popLimit(limit);
    }

    /** Fields the gateway does not keep; the wire check already walked them. */
    private static void skip(CodedInputStream in, int tag) throws IOException {
        in.skipField(tag);
    }

    /** uint64 fields arrive in a signed long. */
    static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }
}
