package stackdriver.pushgateway.store;

import java.util.Locale;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * Describes a series the way the Pushgateway's error messages do (Go's compact protobuf text), so that
 * errors read the same as the reference's: {@code "a" { label:<name:"job" value:"x" > untyped:<value:2 > }}.
 */
final class MetricDescription {

    private MetricDescription() {
    }

    static String of(MetricFamily family, Metric metric) {
        StringBuilder sb = new StringBuilder();
        sb.append('"').append(family.name()).append("\" { ");
        Labels labels = metric.labels();
        boolean instanceWritten = false;
        for (int i = 0; i < labels.size(); i++) {
            if (!instanceWritten && labels.name(i).compareTo("instance") > 0) {
                appendLabel(sb, "instance", "");
                instanceWritten = true;
            }
            instanceWritten |= labels.name(i).equals("instance");
            appendLabel(sb, labels.name(i), labels.value(i));
        }
        if (!instanceWritten) {
            appendLabel(sb, "instance", "");
        }
        switch (family.type()) {
            case COUNTER, GAUGE, UNTYPED -> sb.append(family.type().name().toLowerCase(Locale.ROOT))
                    .append(":<value:").append(number(metric.value())).append(" > ");
            case SUMMARY -> {
                sb.append("summary:<sample_count:").append(number(metric.count()))
                        .append(" sample_sum:").append(number(metric.sum()));
                for (int i = 0; i < metric.quantiles().length; i++) {
                    sb.append(" quantile:<quantile:").append(number(metric.quantiles()[i]))
                            .append(" value:").append(number(metric.quantileValues()[i])).append(" >");
                }
                sb.append(" > ");
            }
            case HISTOGRAM, GAUGE_HISTOGRAM -> {
                sb.append("histogram:<sample_count:").append(number(metric.count()))
                        .append(" sample_sum:").append(number(metric.sum()));
                for (int i = 0; i < metric.bucketBounds().length; i++) {
                    sb.append(" bucket:<cumulative_count:").append(number(metric.bucketCounts()[i]))
                            .append(" upper_bound:").append(number(metric.bucketBounds()[i])).append(" >");
                }
                sb.append(" > ");
            }
        }
        return sb.append('}').toString();
    }

    private static void appendLabel(StringBuilder sb, String name, String value) {
        sb.append("label:<name:\"").append(name).append("\" value:\"").append(value).append("\" > ");
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
