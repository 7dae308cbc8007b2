package stackdriver.pushgateway.exposition;

import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.model.NativeHistogram;

/**
 * Reads a stream of varint-length-delimited {@code io.prometheus.client.MetricFamily} messages, what the Go
 * and Java Pushgateway clients send.
 *
 * <p>The body is read with protobuf's {@code CodedInputStream} straight into our model, without building
 * protobuf message objects (they cost several objects per label and per value, and large pushes are bound
 * by allocation). Each family message is read twice: first its own fields and a check of the wire format
 * of everything nested, then its metrics. So, as when whole messages were parsed first, a malformed message
 * is reported before anything about its content.
 *
 * <p>Two messages with the same family name are merged into one family (series of both, in order). The
 * reference keeps only the last message of a name, silently dropping the earlier series; merging keeps
 * them and lets the store report series that collide, as it does for the text format. Unlike the reference,
 * invalid metric or label names and explicit {@code le}/{@code quantile} labels on histograms/summaries are
 * rejected here (the reference stores them and its GET /metrics then fails).
 */
public final class ProtobufDelimitedParser {

    private static final MetricType[] TYPES = {MetricType.COUNTER, MetricType.GAUGE, MetricType.SUMMARY,
            MetricType.UNTYPED, MetricType.HISTOGRAM, MetricType.GAUGE_HISTOGRAM};

    /** The fields of a MetricFamily message other than its metrics, which are only counted. */
    private record Header(String name, String help, MetricType type, String unit, int metrics) {
    }

    /** Names of any UTF-8 text when true (--push.enable-utf8-names); else the legacy rules. */
    private final boolean utf8Names;

    public ProtobufDelimitedParser() {
        this(false);
    }

    public ProtobufDelimitedParser(boolean utf8Names) {
        this.utf8Names = utf8Names;
    }

    public List<MetricFamily> parse(byte[] body) {
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        ProtobufMetricFields fields = new ProtobufMetricFields(body);
        CodedInputStream in = CodedInputStream.newInstance(body);
        try {
            while (!in.isAtEnd()) {
                // as protobuf's parseDelimitedFrom, a negative length reads as an empty message
                int length = Math.max(0, in.readRawVarint32());
                int start = in.getTotalBytesRead();
                int limit = in.pushLimit(length);
                Header header = readHeader(in);
                in.popLimit(limit);
                MetricFamily family = readFamily(CodedInputStream.newInstance(body, start, length), start, header, fields, utf8Names);
                families.merge(family.name(), family, ProtobufDelimitedParser::merge);
            }
        } catch (IOException e) {
            throw new ExpositionParseException(readError(e), e);
        }
        return new ArrayList<>(families.values());
    }

    public List<MetricFamily> parse(InputStream in) {
        try {
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference answers a body cut short with Go's {@code unexpected EOF}. */
    private static String readError(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("ended unexpectedly") ? "unexpected EOF" : "protobuf parsing error: " + message;
    }

    private static MetricFamily merge(MetricFamily first, MetricFamily second) {
        if (first.type() != second.type()) {
            throw new ExpositionParseException("protobuf parsing error: metric family " + GoQuote.quote(first.name())
                    + " sent twice with different types " + first.type() + " and " + second.type());
        }
        List<Metric> metrics = new ArrayList<>(first.metrics());
        metrics.addAll(second.metrics());
        return first.withMetrics(metrics);
    }

    /** First pass over a family message: its own fields, and the wire format of its metrics checked. */
    private static Header readHeader(CodedInputStream in) throws IOException {
        String name = "";
        String help = "";
        String unit = "";
        MetricType type = MetricType.COUNTER;
        int metrics = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (tag == 10) {
                name = in.readString();
            } else if (tag == 18) {
                help = in.readString();
            } else if (tag == 24) {
                int number = in.readEnum();
                if (number >= 0 && number < TYPES.length) { // protobuf ignores an unknown enum number
                    type = TYPES[number];
                }
            } else if (tag == 34) {
                ProtobufWireCheck.checkMessage(in, ProtobufWireCheck.METRIC);
                metrics++;
            } else if (tag == 42) {
                unit = in.readString();
            } else if (!in.skipField(tag)) {
                break; // an end-group tag, which fails below
            }
        }
        in.checkLastTagWas(0);
        return new Header(name, help, type, unit, metrics);
    }

    /** Second pass: the metrics. */
    private static MetricFamily readFamily(CodedInputStream in, int start, Header header, ProtobufMetricFields fields,
            boolean utf8Names) throws IOException {
        String name = header.name();
        if (utf8Names ? name.isEmpty() : !MetricNames.isValidMetricName(name)) {
            throw new ExpositionParseException("protobuf parsing error: invalid metric name " + GoQuote.quote(name));
        }
        List<Metric> metrics = new ArrayList<>(header.metrics());
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (tag == 34) {
                fields.read(in, start);
                Metric metric = toMetric(name, header.type(), fields, utf8Names);
                metrics.add(fields.hasTimestamp ? metric.withTimestamp(fields.timestampMillis) : metric);
            } else {
                in.skipField(tag);
            }
        }
        return new MetricFamily(name, header.help(), header.type(), header.unit(), metrics);
    }

    private static Metric toMetric(String family, MetricType type, ProtobufMetricFields m, boolean utf8Names) {
        Labels labels = labels(family, m, utf8Names);
        String reserved = type == MetricType.SUMMARY ? "quantile"
                : type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM ? "le" : null;
        if (reserved != null && labels.get(reserved) != null) {
            throw new ExpositionParseException("collected metric " + GoQuote.quote(family) + " "
                    + MetricNames.series("", labels) + " must not have an explicit " + GoQuote.quote(reserved) + " label");
        }
        switch (type) {
            case COUNTER -> {
                requirePresent(m.hasCounter, family, labels, type);
                return created(Metric.ofValue(labels, m.counter), m.counterCreated);
            }
            case GAUGE -> {
                requirePresent(m.hasGauge, family, labels, type);
                return Metric.ofValue(labels, m.gauge);
            }
            case UNTYPED -> {
                requirePresent(m.hasUntyped, family, labels, type);
                return Metric.ofValue(labels, m.untyped);
            }
            case SUMMARY -> {
                requirePresent(m.hasSummary, family, labels, type);
                double[] quantiles = Arrays.copyOf(m.quantiles.keys, m.quantiles.size);
                double[] values = Arrays.copyOf(m.quantiles.values, m.quantiles.size);
                sortByFirst(quantiles, values);
                return created(Metric.ofSummary(labels, ProtobufMetricFields.unsigned(m.summaryCount), m.summarySum,
                        quantiles, values), m.summaryCreated);
            }
            default -> {
                requirePresent(m.hasHistogram, family, labels, type);
                return histogram(family, labels, m);
            }
        }
    }

    private static Metric histogram(String family, Labels labels, ProtobufMetricFields m) {
        double count = ProtobufMetricFields.floatCount(m.hasHistogramCountFloat, m.histogramCountFloat, m.histogramCount);
        NativeHistogram nativePart = m.nativeFields.toNativeHistogram(m.hasHistogramCountFloat ? m.histogramCountFloat : 0);
        if (nativePart != null) {
            checkSpans(family, labels, "positive", nativePart.positive());
            checkSpans(family, labels, "negative", nativePart.negative());
        }
        int n = m.buckets.size;
        boolean infSeen = false;
        for (int i = 0; i < n; i++) {
            infSeen |= m.buckets.keys[i] == Double.POSITIVE_INFINITY;
        }
        // Go prints a +Inf bucket (the sample count) when none was sent; we store it so every output agrees. A
        // native-only histogram keeps no classic bucket, so that protobuf re-exposes it as it came.
        boolean addInf = !infSeen && (n > 0 || nativePart == null);
        double[] bounds = Arrays.copyOf(m.buckets.keys, addInf ? n + 1 : n);
        double[] counts = Arrays.copyOf(m.buckets.values, bounds.length);
        if (addInf) {
            bounds[n] = Double.POSITIVE_INFINITY;
            counts[n] = count;
        }
        sortByFirst(bounds, counts);
        Metric histogram = Metric.ofHistogram(labels, count, m.histogramSum, bounds, counts);
        if (nativePart != null) {
            histogram = histogram.withNativeHistogram(nativePart);
        }
        return created(histogram, m.histogramCreated);
    }

    /** The spans must cover exactly the buckets whose counts were sent, or no bucket can be placed. */
    private static void checkSpans(String family, Labels labels, String side, NativeHistogram.Buckets buckets) {
        long covered = 0;
        for (int length : buckets.spanLengths()) {
            covered += Integer.toUnsignedLong(length);
        }
        int sent = Math.max(buckets.deltas().length, buckets.counts().length);
        if (covered != sent) {
            throw new ExpositionParseException("protobuf parsing error: native histogram " + GoQuote.quote(family) + " "
                    + MetricNames.series("", labels) + " has " + side + " spans covering " + covered + " buckets but "
                    + sent + " bucket counts");
        }
    }

    private static Labels labels(String family, ProtobufMetricFields m, boolean utf8Names) {
        int n = m.labelCount;
        if (n == 0) {
            return Labels.EMPTY;
        }
        String[] names = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            String name = m.labelNames[i];
            if ((utf8Names ? name.isEmpty() : !MetricNames.isValidLabelName(name)) || name.equals("__name__")) {
                throw new ExpositionParseException("protobuf parsing error: invalid label name " + GoQuote.quote(name)
                        + " for metric " + GoQuote.quote(family));
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equals(name)) {
                    throw new ExpositionParseException("protobuf parsing error: duplicate label names for metric "
                            + GoQuote.quote(family));
                }
            }
            names[i] = name;
            values[i] = m.labelValues[i];
        }
        m.previousLabels = Labels.ofDistinctNames(names, values, m.previousLabels);
        return m.previousLabels;
    }

    private static void requirePresent(boolean present, String family, Labels labels, MetricType type) {
        if (!present) {
            throw new ExpositionParseException("collected metric " + GoQuote.quote(family) + " "
                    + MetricNames.series("", labels) + " is not a " + type);
        }
    }

    private static Metric created(Metric metric, ProtobufMetricFields.Stamp created) {
        return created.present ? metric.withCreated(created.toSeconds()) : metric;
    }

    private static void sortByFirst(double[] keys, double[] values) {
        for (int i = 1; i < keys.length; i++) {
            double k = keys[i];
            double v = values[i];
            int j = i - 1;
            while (j >= 0 && Double.compare(keys[j], k) > 0) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = k;
            values[j + 1] = v;
        }
    }
}
