package stackdriver.pushgateway.exposition;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.Timestamp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/**
 * Reads a stream of varint-length-delimited {@code io.prometheus.client.MetricFamily} messages, what the Go
 * and Java Pushgateway clients send.
 *
 * <p>Two messages with the same family name are merged into one family (series of both, in order). The
 * reference keeps only the last message of a name, silently dropping the earlier series; merging keeps
 * them and lets the store report series that collide, as it does for the text format. Unlike the reference,
 * invalid metric or label names and explicit {@code le}/{@code quantile} labels on histograms/summaries are
 * rejected here (the reference stores them and its GET /metrics then fails).
 */
public final class ProtobufDelimitedParser {

    public List<MetricFamily> parse(byte[] body) {
        return parse(new ByteArrayInputStream(body));
    }

    public List<MetricFamily> parse(InputStream in) {
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        while (true) {
            Metrics.MetricFamily message;
            try {
                message = Metrics.MetricFamily.parseDelimitedFrom(in);
            } catch (IOException e) {
                throw new ExpositionParseException(readError(e), e);
            }
            if (message == null) {
                break;
            }
            MetricFamily family = toFamily(message);
            families.merge(family.name(), family, ProtobufDelimitedParser::merge);
        }
        return new ArrayList<>(families.values());
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

    private static MetricFamily toFamily(Metrics.MetricFamily message) {
        String name = message.getName();
        if (!MetricNames.isValidMetricName(name)) {
            throw new ExpositionParseException("protobuf parsing error: invalid metric name " + GoQuote.quote(name));
        }
        MetricType type = switch (message.getType()) {
            case COUNTER -> MetricType.COUNTER;
            case GAUGE -> MetricType.GAUGE;
            case SUMMARY -> MetricType.SUMMARY;
            case UNTYPED -> MetricType.UNTYPED;
            case HISTOGRAM -> MetricType.HISTOGRAM;
            case GAUGE_HISTOGRAM -> MetricType.GAUGE_HISTOGRAM;
        };
        List<Metric> metrics = new ArrayList<>(message.getMetricCount());
        for (Metrics.Metric m : message.getMetricList()) {
            Metric metric = toMetric(name, type, m);
            if (m.hasTimestampMs()) {
                metric = metric.withTimestamp(m.getTimestampMs());
            }
            metrics.add(metric);
        }
        return new MetricFamily(name, message.getHelp(), type, message.getUnit(), metrics);
    }

    private static Metric toMetric(String family, MetricType type, Metrics.Metric m) {
        Labels labels = labels(family, m);
        String reserved = type == MetricType.SUMMARY ? "quantile"
                : type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM ? "le" : null;
        if (reserved != null && labels.get(reserved) != null) {
            throw new ExpositionParseException("collected metric " + GoQuote.quote(family) + " "
                    + MetricNames.series("", labels) + " must not have an explicit " + GoQuote.quote(reserved) + " label");
        }
        switch (type) {
            case COUNTER -> {
                requirePresent(m.hasCounter(), family, labels, type);
                return created(Metric.ofValue(labels, m.getCounter().getValue()),
                        m.getCounter().hasCreatedTimestamp(), m.getCounter().getCreatedTimestamp());
            }
            case GAUGE -> {
                requirePresent(m.hasGauge(), family, labels, type);
                return Metric.ofValue(labels, m.getGauge().getValue());
            }
            case UNTYPED -> {
                requirePresent(m.hasUntyped(), family, labels, type);
                return Metric.ofValue(labels, m.getUntyped().getValue());
            }
            case SUMMARY -> {
                requirePresent(m.hasSummary(), family, labels, type);
                Metrics.Summary s = m.getSummary();
                double[] quantiles = new double[s.getQuantileCount()];
                double[] values = new double[quantiles.length];
                for (int i = 0; i < quantiles.length; i++) {
                    quantiles[i] = s.getQuantile(i).getQuantile();
                    values[i] = s.getQuantile(i).getValue();
                }
                sortByFirst(quantiles, values);
                return created(Metric.ofSummary(labels, unsigned(s.getSampleCount()), s.getSampleSum(), quantiles, values),
                        s.hasCreatedTimestamp(), s.getCreatedTimestamp());
            }
            default -> {
                requirePresent(m.hasHistogram(), family, labels, type);
                return histogram(labels, m.getHistogram());
            }
        }
    }

    private static Metric histogram(Labels labels, Metrics.Histogram h) {
        double count = h.hasSampleCountFloat() ? h.getSampleCountFloat() : unsigned(h.getSampleCount());
        int n = h.getBucketCount();
        boolean infSeen = false;
        for (Metrics.Bucket b : h.getBucketList()) {
            infSeen |= b.getUpperBound() == Double.POSITIVE_INFINITY;
        }
        // Go prints a +Inf bucket (the sample count) when none was sent; we store it so every output agrees.
        double[] bounds = new double[infSeen ? n : n + 1];
        double[] counts = new double[bounds.length];
        for (int i = 0; i < n; i++) {
            Metrics.Bucket b = h.getBucket(i);
            bounds[i] = b.getUpperBound();
            counts[i] = b.hasCumulativeCountFloat() ? b.getCumulativeCountFloat() : unsigned(b.getCumulativeCount());
        }
        if (!infSeen) {
            bounds[n] = Double.POSITIVE_INFINITY;
            counts[n] = count;
        }
        sortByFirst(bounds, counts);
        return created(Metric.ofHistogram(labels, count, h.getSampleSum(), bounds, counts),
                h.hasCreatedTimestamp(), h.getCreatedTimestamp());
    }

    private static Labels labels(String family, Metrics.Metric m) {
        int n = m.getLabelCount();
        if (n == 0) {
            return Labels.EMPTY;
        }
        String[] names = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            Metrics.LabelPair pair = m.getLabel(i);
            String name = pair.getName();
            if (!MetricNames.isValidLabelName(name) || name.equals("__name__")) {
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
            values[i] = pair.getValue();
        }
        return Labels.ofDistinctNames(names, values);
    }

    private static void requirePresent(boolean present, String family, Labels labels, MetricType type) {
        if (!present) {
            throw new ExpositionParseException("collected metric " + GoQuote.quote(family) + " "
                    + MetricNames.series("", labels) + " is not a " + type);
        }
    }

    private static Metric created(Metric metric, boolean has, Timestamp created) {
        return has ? metric.withCreated(created.getSeconds() + created.getNanos() / 1e9) : metric;
    }

    /** uint64 fields arrive in a signed long. */
    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
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
