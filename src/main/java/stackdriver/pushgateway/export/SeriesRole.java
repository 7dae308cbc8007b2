package stackdriver.pushgateway.export;

import com.google.api.MetricDescriptor.MetricKind;
import java.util.List;
import stackdriver.pushgateway.model.MetricType;

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

    /** The roles the series of a family of this type are written in. */
    public static List<SeriesRole> of(MetricType type) {
        return switch (type) {
            case COUNTER -> List.of(COUNTER);
            case GAUGE -> List.of(GAUGE);
            case UNTYPED -> List.of(UNKNOWN, UNKNOWN_COUNTER);
            case HISTOGRAM -> List.of(HISTOGRAM);
            case GAUGE_HISTOGRAM -> List.of(GAUGE_HISTOGRAM);
            case SUMMARY -> List.of(SUMMARY_QUANTILE, SUMMARY_SUM, SUMMARY_COUNT);
        };
    }
}
