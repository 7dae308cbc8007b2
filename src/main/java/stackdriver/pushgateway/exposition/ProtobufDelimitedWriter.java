package stackdriver.pushgateway.exposition;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.Timestamp;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.NativeHistogram;

/** Writes families as varint-length-delimited {@code io.prometheus.client.MetricFamily} messages. */
public final class ProtobufDelimitedWriter {

    public void write(List<MetricFamily> families, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        for (MetricFamily family : families) {
            if (!family.metrics().isEmpty()) {
                toMessage(family).writeDelimitedTo(buffered);
            }
        }
        buffered.flush();
    }

    static Metrics.MetricFamily toMessage(MetricFamily family) {
        Metrics.MetricFamily.Builder b = Metrics.MetricFamily.newBuilder()
                .setName(family.name())
                .setType(switch (family.type()) {
                    case COUNTER -> Metrics.MetricType.COUNTER;
                    case GAUGE -> Metrics.MetricType.GAUGE;
                    case SUMMARY -> Metrics.MetricType.SUMMARY;
                    case UNTYPED -> Metrics.MetricType.UNTYPED;
                    case HISTOGRAM -> Metrics.MetricType.HISTOGRAM;
                    case GAUGE_HISTOGRAM -> Metrics.MetricType.GAUGE_HISTOGRAM;
                });
        if (!family.help().isEmpty()) {
            b.setHelp(family.help());
        }
        if (!family.unit().isEmpty()) {
            b.setUnit(family.unit());
        }
        for (Metric m : family.metrics()) {
            b.addMetric(toMessage(family, m));
        }
        return b.build();
    }

    private static Metrics.Metric toMessage(MetricFamily family, Metric m) {
        Metrics.Metric.Builder b = Metrics.Metric.newBuilder();
        Labels labels = m.labels();
        for (int i = 0; i < labels.size(); i++) {
            b.addLabel(Metrics.LabelPair.newBuilder().setName(labels.name(i)).setValue(labels.value(i)));
        }
        if (m.hasTimestamp()) {
            b.setTimestampMs(m.timestampMillis());
        }
        boolean created = !Double.isNaN(m.createdSeconds());
        switch (family.type()) {
            case COUNTER -> {
                Metrics.Counter.Builder c = Metrics.Counter.newBuilder().setValue(m.value());
                if (created) {
                    c.setCreatedTimestamp(timestamp(m.createdSeconds()));
                }
                b.setCounter(c);
            }
            case GAUGE -> b.setGauge(Metrics.Gauge.newBuilder().setValue(m.value()));
            case UNTYPED -> b.setUntyped(Metrics.Untyped.newBuilder().setValue(m.value()));
            case SUMMARY -> {
                Metrics.Summary.Builder s = Metrics.Summary.newBuilder()
                        .setSampleCount(count(m.count())).setSampleSum(m.sum());
                for (int i = 0; i < m.quantiles().length; i++) {
                    s.addQuantile(Metrics.Quantile.newBuilder().setQuantile(m.quantiles()[i]).setValue(m.quantileValues()[i]));
                }
                if (created) {
                    s.setCreatedTimestamp(timestamp(m.createdSeconds()));
                }
                b.setSummary(s);
            }
            case HISTOGRAM, GAUGE_HISTOGRAM -> {
                Metrics.Histogram.Builder h = Metrics.Histogram.newBuilder().setSampleSum(m.sum());
                NativeHistogram nativePart = m.nativeHistogram();
                if (nativePart != null && nativePart.countFloat() != 0) {
                    h.setSampleCountFloat(nativePart.countFloat());
                    if (!Double.isNaN(m.count()) && m.count() != nativePart.countFloat()) {
                        h.setSampleCount(count(m.count()));
                    }
                } else if (isCount(m.count())) {
                    h.setSampleCount(count(m.count()));
                } else {
                    h.setSampleCountFloat(m.count());
                }
                for (int i = 0; i < m.bucketBounds().length; i++) {
                    Metrics.Bucket.Builder bucket = Metrics.Bucket.newBuilder().setUpperBound(m.bucketBounds()[i]);
                    double c = m.bucketCounts()[i];
                    if (isCount(c)) {
                        bucket.setCumulativeCount(count(c));
                    } else {
                        bucket.setCumulativeCountFloat(c);
                    }
                    h.addBucket(bucket);
                }
                if (created) {
                    h.setCreatedTimestamp(timestamp(m.createdSeconds()));
                }
                if (nativePart != null) {
                    addNative(h, nativePart);
                }
                b.setHistogram(h);
            }
        }
        return b.build();
    }

    /** The native fields as they were pushed. */
    private static void addNative(Metrics.Histogram.Builder h, NativeHistogram n) {
        h.setSchema(n.schema()).setZeroThreshold(n.zeroThreshold());
        if (n.zeroCountFloat() != 0) {
            h.setZeroCountFloat(n.zeroCountFloat());
        }
        if (n.zeroCount() != 0 || n.zeroCountFloat() == 0) {
            h.setZeroCount(n.zeroCount());
        }
        NativeHistogram.Buckets negative = n.negative();
        for (int i = 0; i < negative.spanOffsets().length; i++) {
            h.addNegativeSpan(span(negative, i));
        }
        for (long delta : negative.deltas()) {
            h.addNegativeDelta(delta);
        }
        for (double count : negative.counts()) {
            h.addNegativeCount(count);
        }
        NativeHistogram.Buckets positive = n.positive();
        for (int i = 0; i < positive.spanOffsets().length; i++) {
            h.addPositiveSpan(span(positive, i));
        }
        for (long delta : positive.deltas()) {
            h.addPositiveDelta(delta);
        }
        for (double count : positive.counts()) {
            h.addPositiveCount(count);
        }
    }

    private static Metrics.BucketSpan span(NativeHistogram.Buckets buckets, int i) {
        return Metrics.BucketSpan.newBuilder().setOffset(buckets.spanOffsets()[i]).setLength(buckets.spanLengths()[i])
                .build();
    }

    private static boolean isCount(double v) {
        return Double.isNaN(v) || (v >= 0 && v == Math.rint(v) && v < 0x1p63);
    }

    private static long count(double v) {
        return Double.isNaN(v) ? 0 : (long) v;
    }

    private static Timestamp timestamp(double seconds) {
        long whole = (long) Math.floor(seconds);
        int nanos = (int) Math.round((seconds - whole) * 1e9);
        if (nanos >= 1_000_000_000) {
            whole++;
            nanos -= 1_000_000_000;
        }
        return Timestamp.newBuilder().setSeconds(whole).setNanos(nanos).build();
    }
}
