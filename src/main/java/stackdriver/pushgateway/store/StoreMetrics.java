package stackdriver.pushgateway.store;

import java.util.List;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/** The store's own metrics, shown on {@code GET /metrics}: how many groups and series it holds. */
public final class StoreMetrics {

    private StoreMetrics() {
    }

    public static List<MetricFamily> of(GroupStore store) {
        long groups = 0;
        long series = 0;
        for (Group group : store.groups()) {
            groups++;
            series += group.seriesCount();
        }
        return List.of(
                new MetricFamily("stackdriver_pushgateway_groups", "Groups stored.", MetricType.GAUGE,
                        List.of(Metric.ofValue(Labels.EMPTY, groups))),
                new MetricFamily("stackdriver_pushgateway_series", "Series stored, in every group.", MetricType.GAUGE,
                        List.of(Metric.ofValue(Labels.EMPTY, series))));
    }
}
