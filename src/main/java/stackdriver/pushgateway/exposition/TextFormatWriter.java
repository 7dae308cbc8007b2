package stackdriver.pushgateway.exposition;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * Writes families in text format 0.0.4 as Go's {@code expfmt.MetricFamilyToText} prints them: HELP only
 * when there is one, labels in the order of {@link Labels} with {@code le}/{@code quantile} last, a
 * {@code +Inf} bucket added when a histogram has none, timestamps when present. Families and series are
 * written in the order given; families without series are skipped (Go refuses them).
 *
 * <p>With {@code quoteNames}, a name that is not a legacy one is quoted, the metric name then inside the braces
 * ({@code {"my.metric","label.name"="v"} 1}), as Go writes for a scraper that accepts UTF-8 names.
 */
public final class TextFormatWriter {
    private final boolean quoteNames;

    public TextFormatWriter() {
        this(false);
    }

    public TextFormatWriter(boolean quoteNames) {
        this.quoteNames = quoteNames;
    }

    public void write(List<MetricFamily> families, OutputStream out) throws IOException {
        TextSink sink = new TextSink(out, quoteNames);
        for (MetricFamily family : families) {
            write(family, sink);
        }
        sink.flush();
    }

    private void write(MetricFamily family, TextSink sink) throws IOException {
        if (family.metrics().isEmpty()) {
            return;
        }
        String name = family.name();
        if (!family.help().isEmpty()) {
            sink.ascii("# HELP ").name(name).write(' ').escaped(family.help(), false).write('\n');
        }
        sink.ascii("# TYPE ").name(name).write(' ').ascii(family.type().textName()).write('\n');
        for (Metric m : family.metrics()) {
            switch (family.type()) {
                case SUMMARY -> {
                    for (int i = 0; i < m.quantiles().length; i++) {
                        sample(sink, name, "", m, "quantile", m.quantiles()[i], m.quantileValues()[i]);
                    }
                    sample(sink, name, "_sum", m, null, 0, m.sum());
                    sample(sink, name, "_count", m, null, 0, countOrZero(m.count()));
                }
                case HISTOGRAM, GAUGE_HISTOGRAM -> {
                    boolean infSeen = false;
                    for (int i = 0; i < m.bucketBounds().length; i++) {
                        sample(sink, name, "_bucket", m, "le", m.bucketBounds()[i], m.bucketCounts()[i]);
                        infSeen |= m.bucketBounds()[i] == Double.POSITIVE_INFINITY;
                    }
                    if (!infSeen) {
                        sample(sink, name, "_bucket", m, "le", Double.POSITIVE_INFINITY, countOrZero(m.count()));
                    }
                    sample(sink, name, "_sum", m, null, 0, m.sum());
                    sample(sink, name, "_count", m, null, 0, countOrZero(m.count()));
                }
                default -> sample(sink, name, "", m, null, 0, m.value());
            }
        }
    }

    /** Go's counts are unsigned integers, 0 when unset. */
    private static double countOrZero(double count) {
        return Double.isNaN(count) ? 0 : count;
    }

    private void sample(TextSink sink, String name, String suffix, Metric m,
                        String extraLabel, double extraValue, double value) throws IOException {
        Labels labels = m.labels();
        boolean nameInBraces = quoteNames && !MetricNames.isValidMetricName(name + suffix);
        if (nameInBraces) {
            sink.write('{').name(name + suffix);
        } else {
            sink.ascii(name).ascii(suffix);
        }
        if (nameInBraces || labels.size() > 0 || extraLabel != null) {
            char separator = sink.labelPairs(labels, nameInBraces ? ',' : '{');
            if (extraLabel != null) {
                sink.write(separator).ascii(extraLabel).write('=').write('"').goFloat(extraValue).write('"');
            }
            sink.write('}');
        }
        sink.write(' ').goFloat(value);
        if (m.hasTimestamp()) {
            sink.write(' ').number(m.timestampMillis());
        }
        sink.write('\n');
    }
}
