package stackdriver.pushgateway.exposition;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/**
 * Writes families as OpenMetrics 1.0 text, ending with {@code # EOF}, following Go's
 * {@code expfmt.MetricFamilyToOpenMetrics}: a counter {@code c_total} is family {@code c} in HELP/TYPE/UNIT
 * lines (a counter whose name lacks {@code _total} is written as {@code unknown}, since OpenMetrics would
 * rename it), floats always look like floats ({@code 1.0}), counts are integers, timestamps are decimal seconds.
 * Added to Go's: {@code _created} lines when the created time is known, {@code # UNIT}, gaugehistogram.
 * A NaN sum means none was pushed: then neither {@code _sum} nor {@code _count} is written.
 */
public final class OpenMetricsWriter {

    public void write(List<MetricFamily> families, OutputStream out) throws IOException {
        TextSink sink = new TextSink(out);
        for (MetricFamily family : families) {
            if (!family.metrics().isEmpty()) {
                write(family, sink);
            }
        }
        sink.ascii("# EOF\n");
        sink.flush();
    }

    private void write(MetricFamily family, TextSink sink) throws IOException {
        String name = family.name();
        boolean counter = family.type() == MetricType.COUNTER && name.endsWith("_total");
        String shortName = counter ? name.substring(0, name.length() - 6) : name;
        String type = switch (family.type()) {
            case COUNTER -> counter ? "counter" : "unknown";
            case GAUGE -> "gauge";
            case UNTYPED -> "unknown";
            case HISTOGRAM -> "histogram";
            case GAUGE_HISTOGRAM -> "gaugehistogram";
            case SUMMARY -> "summary";
        };
        if (!family.help().isEmpty()) {
            sink.ascii("# HELP ").ascii(shortName).write(' ').escaped(family.help(), true).write('\n');
        }
        sink.ascii("# TYPE ").ascii(shortName).write(' ').ascii(type).write('\n');
        if (!family.unit().isEmpty() && shortName.endsWith("_" + family.unit())) {
            sink.ascii("# UNIT ").ascii(shortName).write(' ').ascii(family.unit()).write('\n');
        }
        boolean gaugeHistogram = type.equals("gaugehistogram");
        for (Metric m : family.metrics()) {
            switch (family.type()) {
                case SUMMARY -> {
                    for (int i = 0; i < m.quantiles().length; i++) {
                        sample(sink, name, "", m, "quantile", m.quantiles()[i], m.quantileValues()[i], false);
                    }
                    sumAndCount(sink, name, "_sum", "_count", m);
                    created(sink, shortName, m);
                }
                case HISTOGRAM, GAUGE_HISTOGRAM -> {
                    boolean infSeen = false;
                    for (int i = 0; i < m.bucketBounds().length; i++) {
                        sample(sink, name, "_bucket", m, "le", m.bucketBounds()[i], m.bucketCounts()[i], true);
                        infSeen |= m.bucketBounds()[i] == Double.POSITIVE_INFINITY;
                    }
                    if (!infSeen) {
                        sample(sink, name, "_bucket", m, "le", Double.POSITIVE_INFINITY, m.count(), true);
                    }
                    sumAndCount(sink, name, gaugeHistogram ? "_gsum" : "_sum", gaugeHistogram ? "_gcount" : "_count", m);
                    if (!gaugeHistogram) {
                        created(sink, shortName, m);
                    }
                }
                default -> {
                    sample(sink, name, "", m, null, 0, m.value(), false);
                    if (counter) {
                        created(sink, shortName, m);
                    }
                }
            }
        }
    }

    private static void sumAndCount(TextSink sink, String name, String sum, String count, Metric m) throws IOException {
        if (!Double.isNaN(m.sum())) {
            sample(sink, name, sum, m, null, 0, m.sum(), false);
            sample(sink, name, count, m, null, 0, m.count(), true);
        }
    }

    private static void created(TextSink sink, String shortName, Metric m) throws IOException {
        if (!Double.isNaN(m.createdSeconds())) {
            sample(sink, shortName, "_created", m, null, 0, m.createdSeconds(), false);
        }
    }

    private static void sample(TextSink sink, String name, String suffix, Metric m, String extraLabel,
                               double extraValue, double value, boolean isCount) throws IOException {
        sink.ascii(name).ascii(suffix);
        Labels labels = m.labels();
        if (labels.size() > 0 || extraLabel != null) {
            char separator = sink.labelPairs(labels);
            if (extraLabel != null) {
                sink.write(separator).ascii(extraLabel).write('=').write('"');
                openMetricsFloat(sink, extraValue);
                sink.write('"');
            }
            sink.write('}');
        }
        sink.write(' ');
        if (isCount && value >= 0 && value == Math.rint(value) && value < 0x1p63) {
            sink.number((long) value);
        } else {
            openMetricsFloat(sink, Double.isNaN(value) && isCount ? 0 : value);
        }
        if (m.hasTimestamp()) {
            sink.write(' ');
            seconds(sink, m.timestampMillis());
        }
        sink.write('\n');
    }

    /**
     * Timestamps as plain decimal seconds ({@code 1700000000.5}): Go writes {@code 1.7000000005e+09}, which the
     * spec allows but some parsers (Python's client) misread.
     */
    private static void seconds(TextSink sink, long millis) throws IOException {
        if (millis < 0) {
            sink.ascii(GoFloat.format(millis / 1000.0));
            return;
        }
        sink.number(millis / 1000);
        int fraction = (int) (millis % 1000);
        if (fraction != 0) {
            sink.write('.').write((char) ('0' + fraction / 100));
            if (fraction % 100 != 0) {
                sink.write((char) ('0' + fraction / 10 % 10));
                if (fraction % 10 != 0) {
                    sink.write((char) ('0' + fraction % 10));
                }
            }
        }
    }

    /** Go's writeOpenMetricsFloat: the text format's float, with {@code .0} when it would read as an integer. */
    private static void openMetricsFloat(TextSink sink, double v) throws IOException {
        if (v == 0) {
            sink.ascii("0.0");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            sink.number((long) v).ascii(".0");
        } else {
            sink.ascii(GoFloat.format(v));
        }
    }
}
