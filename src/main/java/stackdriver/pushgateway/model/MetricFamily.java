package stackdriver.pushgateway.model;

import java.util.List;

/**
 * A named group of series of one type, as in the Prometheus client model. For counters the name is the
 * sample name (OpenMetrics counter {@code c} is stored as {@code c_total}); for OpenMetrics {@code info}
 * the name ends in {@code _info} and the type is GAUGE.
 *
 * @param help the HELP text, or empty
 * @param unit the OpenMetrics UNIT, or empty
 */
public record MetricFamily(String name, String help, MetricType type, String unit, List<Metric> metrics) {

    public MetricFamily(String name, String help, MetricType type, List<Metric> metrics) {
        this(name, help, type, "", metrics);
    }

    public MetricFamily withMetrics(List<Metric> newMetrics) {
        return new MetricFamily(name, help, type, unit, newMetrics);
    }
}
