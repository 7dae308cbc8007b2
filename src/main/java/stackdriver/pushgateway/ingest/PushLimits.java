package stackdriver.pushgateway.ingest;

import stackdriver.pushgateway.config.GatewaySettings;
import java.util.List;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * Bounds on one push, which the Pushgateway does not have: a body (after gzip) larger than
 * {@code bodyBytes} is 413, too many series or labels or a too long label value is 400, with the reason.
 */
public record PushLimits(long bodyBytes, int seriesPerPush, int labelsPerSeries, int labelValueBytes) {

    /** @param groupingKey the push's grouping key labels, which every series will carry */
    public static PushLimits from(GatewaySettings settings) {
        return new PushLimits(settings.getPositiveLong("gateway.limits.body-size"),
                settings.getPositiveInt("gateway.limits.series-per-push"),
                settings.getPositiveInt("gateway.limits.labels-per-series"),
                settings.getPositiveInt("gateway.limits.label-value-length"));
    }

    public void check(List<MetricFamily> families, Labels groupingKey) {
        int series = 0;
        for (MetricFamily family : families) {
            series += family.metrics().size();
            if (series > seriesPerPush) {
                throw new PushRejectedException(400, "push has more than " + seriesPerPush
                        + " series (limit gateway.limits.series-per-push)");
            }
            for (Metric metric : family.metrics()) {
                checkLabels(family, metric.labels(), groupingKey);
            }
        }
    }

    private void checkLabels(MetricFamily family, Labels labels, Labels groupingKey) {
        int count = labels.size();
        for (int i = 0; i < groupingKey.size(); i++) {
            if (labels.get(groupingKey.name(i)) == null) {
                count++;
            }
        }
        if (count > labelsPerSeries) {
            throw new PushRejectedException(400, "series " + family.name() + labels + " has " + count
                    + " labels with the grouping key, more than " + labelsPerSeries
                    + " (limit gateway.limits.labels-per-series)");
        }
        for (int i = 0; i < labels.size(); i++) {
            String value = labels.value(i);
            // a UTF-8 byte is at most a char, so only long values need counting
            if (value.length() * 3 > labelValueBytes && utf8Length(value) > labelValueBytes) {
                throw new PushRejectedException(400, "label " + labels.name(i) + " of series " + family.name()
                        + " is " + utf8Length(value) + " bytes long, more than " + labelValueBytes
                        + " (limit gateway.limits.label-value-length)");
            }
        }
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
