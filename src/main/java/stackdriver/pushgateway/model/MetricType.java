package stackdriver.pushgateway.model;

/** The metric types of the Prometheus data model, as the Pushgateway stores them. */
public enum MetricType {
    COUNTER,
    GAUGE,
    HISTOGRAM,
    /** OpenMetrics gaugehistogram: buckets that may go down; stored and exposed as a histogram of gauges. */
    GAUGE_HISTOGRAM,
    SUMMARY,
    UNTYPED;

    /** The word used after {@code # TYPE} in text format 0.0.4. */
    public String textName() {
        return switch (this) {
            case GAUGE_HISTOGRAM -> "histogram";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
