package stackdriver.pushgateway.exposition;

import stackdriver.pushgateway.model.MetricType;

/** The OpenMetrics 1.0 metric types, the model type each is stored as, and the sample name suffixes each allows. */
enum OpenMetricsType {
    COUNTER(MetricType.COUNTER, "_total", "_created"),
    GAUGE(MetricType.GAUGE, ""),
    HISTOGRAM(MetricType.HISTOGRAM, "_bucket", "_count", "_sum", "_created"),
    GAUGEHISTOGRAM(MetricType.GAUGE_HISTOGRAM, "_bucket", "_gcount", "_gsum"),
    STATESET(MetricType.GAUGE, ""),
    INFO(MetricType.GAUGE, "_info"),
    SUMMARY(MetricType.SUMMARY, "", "_count", "_sum", "_created"),
    UNKNOWN(MetricType.UNTYPED, "");

    final MetricType type;
    final String[] suffixes;

    OpenMetricsType(MetricType type, String... suffixes) {
        this.type = type;
        this.suffixes = suffixes;
    }

    /** The suffix of {@code sample} in a family called {@code family}, or null when it is not one of its samples. */
    String suffixOf(String sample, String family) {
        if (!sample.startsWith(family)) {
            return null;
        }
        for (String suffix : suffixes) {
            // Compared in place: this runs for every sample line.
            if (sample.length() == family.length() + suffix.length() && sample.endsWith(suffix)) {
                return suffix;
            }
        }
        return null;
    }
}
