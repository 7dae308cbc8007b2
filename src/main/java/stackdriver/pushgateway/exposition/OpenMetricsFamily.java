package stackdriver.pushgateway.exposition;

import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * One OpenMetrics family while its lines are read: where each of its samples lands in the Prometheus model,
 * and the checks that need all of them, made when the family ends.
 */
final class OpenMetricsFamily {
    final String name;
    final FamilyBuilder builder;
    OpenMetricsType kind = OpenMetricsType.UNKNOWN;
    boolean typeSeen;
    boolean unitSeen;
    /** For errors with the line they are found on. */
    private final ExpositionLexer lexer;

    OpenMetricsFamily(String name, ExpositionLexer lexer) {
        this.name = name;
        this.builder = new FamilyBuilder(name);
        this.lexer = lexer;
    }

    /** A sample named after the family with this suffix ({@code _total}, {@code _bucket}, ..., or empty). */
    void add(String suffix, SampleLabels labels, double value, long timestamp) {
        switch (kind) {
            case COUNTER -> {
                SeriesBuilder s = builder.series(labels.toLabels(builder, null), Double.NaN, Double.NaN);
                if (suffix.equals("_created")) {
                    s.createdSeconds = value;
                } else {
                    if (!Double.isNaN(s.value)) {
                        throw lexer.error("duplicate sample for series " + MetricNames.series(name + "_total", s.labels));
                    }
                    if (Double.isNaN(value) || value < 0) {
                        throw lexer.error("counter value must be a non-negative number, got " + GoFloat.format(value));
                    }
                    s.value = value;
                    stamp(s, timestamp);
                }
            }
            case HISTOGRAM, GAUGEHISTOGRAM -> {
                boolean isCount = suffix.equals("_bucket") || suffix.equals("_count") || suffix.equals("_gcount");
                if (isCount && !(value >= 0 && value == Math.rint(value))) {
                    throw lexer.error("histogram counts must be non-negative integers, got " + GoFloat.format(value));
                }
                double bound = suffix.equals("_bucket") ? boundLabel(labels, "le") : Double.NaN;
                SeriesBuilder s = builder.series(labels.toLabels(builder, suffix.equals("_bucket") ? "le" : null), Double.NaN, Double.NaN);
                switch (suffix) {
                    case "_bucket" -> {
                        if (s.hasBound(bound)) {
                            throw lexer.error("duplicate bucket le=\"" + GoFloat.format(bound) + "\" for series " + MetricNames.series(name, s.labels));
                        }
                        s.add(bound, value);
                    }
                    case "_count", "_gcount" -> s.count = value;
                    case "_sum", "_gsum" -> s.sum = value;
                    default -> s.createdSeconds = value;
                }
                stamp(s, timestamp);
            }
            case SUMMARY -> {
                double quantile = suffix.isEmpty() ? boundLabel(labels, "quantile") : Double.NaN;
                SeriesBuilder s = builder.series(labels.toLabels(builder, suffix.isEmpty() ? "quantile" : null), Double.NaN, Double.NaN);
                switch (suffix) {
                    case "" -> s.add(quantile, value);
                    case "_count" -> s.count = value;
                    case "_sum" -> s.sum = value;
                    default -> s.createdSeconds = value;
                }
                stamp(s, timestamp);
            }
            default -> {
                if (kind == OpenMetricsType.INFO && value != 1) {
                    throw lexer.error("info value must be 1, got " + GoFloat.format(value));
                }
                if (kind == OpenMetricsType.STATESET) {
                    if (!labels.contains(name)) {
                        throw lexer.error("stateset sample without a label named " + GoQuote.quote(name));
                    }
                    if (value != 0 && value != 1) {
                        throw lexer.error("stateset value must be 0 or 1, got " + GoFloat.format(value));
                    }
                }
                Metric m = Metric.ofValue(labels.toLabels(builder, null), value);
                builder.addValue(timestamp == Metric.NO_TIMESTAMP ? m : m.withTimestamp(timestamp));
            }
        }
    }

    private static void stamp(SeriesBuilder s, long timestamp) {
        if (timestamp != Metric.NO_TIMESTAMP) {
            s.timestampMillis = timestamp;
        }
    }

    private double boundLabel(SampleLabels labels, String label) {
        String value = labels.get(label);
        if (value == null) {
            throw lexer.error("missing label " + GoQuote.quote(label) + " on sample of " + GoQuote.quote(name));
        }
        try {
            return GoFloat.parse(value);
        } catch (NumberFormatException e) {
            throw lexer.error("expected float as value for '" + label + "' label, got " + GoQuote.quote(value));
        }
    }

    /** The family as stored: counter {@code c} is named {@code c_total}, info {@code i} {@code i_info}. */
    MetricFamily finish() {
        for (SeriesBuilder s : builder.allSeries()) {
            if (kind == OpenMetricsType.COUNTER && Double.isNaN(s.value)) {
                throw lexer.error("series " + MetricNames.series(name + "_created", s.labels) + " has no _total sample");
            }
            if (kind == OpenMetricsType.HISTOGRAM || kind == OpenMetricsType.GAUGEHISTOGRAM || kind == OpenMetricsType.SUMMARY) {
                if (Double.isNaN(s.count) != Double.isNaN(s.sum)) {
                    throw lexer.error("count and sum of " + MetricNames.series(name, s.labels) + " must be both present or both absent");
                }
            }
            if (kind == OpenMetricsType.HISTOGRAM || kind == OpenMetricsType.GAUGEHISTOGRAM) {
                double inf = s.valueAt(Double.POSITIVE_INFINITY);
                if (Double.isNaN(inf)) {
                    throw lexer.error("histogram " + MetricNames.series(name, s.labels) + " has no +Inf bucket");
                }
                if (!s.isCumulative()) {
                    throw lexer.error("bucket counts of histogram " + MetricNames.series(name, s.labels) + " decrease as le grows");
                }
                if (Double.isNaN(s.count)) {
                    s.count = inf;
                }
            }
        }
        MetricFamily built = builder.build();
        String storedName = switch (kind) {
            case COUNTER -> name + "_total";
            case INFO -> name + "_info";
            default -> name;
        };
        return new MetricFamily(storedName, built.help(), built.type(), built.unit(), built.metrics());
    }
}
