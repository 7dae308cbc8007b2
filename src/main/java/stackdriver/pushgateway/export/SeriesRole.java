package stackdriver.pushgateway.export;

import com.google.api.MetricDescriptor.MetricKind;

/** The Cloud Monitoring series a Prometheus series becomes, and the kind each is written with. */
public enum SeriesRole {
    COUNTER(MetricKind.CUMULATIVE),
    GAUGE(MetricKind.GAUGE),
    /** An untyped series as a gauge. */
    UNKNOWN(MetricKind.GAUGE),
    /** The same untyped series as a counter, as Managed Service for Prometheus writes it too. */
    UNKNOWN_COUNTER(MetricKind.CUMULATIVE),
    HISTOGRAM(MetricKind.CUMULATIVE),
    /** OpenMetrics gaugehistogram: buckets that may go down. */
    GAUGE_HISTOGRAM(MetricKind.GAUGE),
    SUMMARY_QUANTILE(MetricKind.GAUGE),
    SUMMARY_SUM(MetricKind.CUMULATIVE),
    SUMMARY_COUNT(MetricKind.CUMULATIVE);

    private final MetricKind kind;

    SeriesRole(MetricKind kind) {
        this.kind = kind;
    }

    public MetricKind kind() {
        return kind;
    }
}
