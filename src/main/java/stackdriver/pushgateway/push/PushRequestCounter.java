package stackdriver.pushgateway.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/** Counts push API requests by status code and method, as the Pushgateway's {@code pushgateway_http_requests_total}. */
public class PushRequestCounter {

    private final Map<Labels, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(int code, String method) {
        String lower = method == null ? "unknown" : method.toLowerCase(java.util.Locale.ROOT);
        String handler = "delete".equals(lower) ? "delete" : "push";
        counts.computeIfAbsent(Labels.of("code", Integer.toString(code), "handler", handler, "method", lower),
                k -> new LongAdder()).increment();
    }

    public List<MetricFamily> families() {
        List<Metric> metrics = new ArrayList<>();
        counts.forEach((labels, count) -> metrics.add(Metric.ofValue(labels, count.sum())));
        return List.of(new MetricFamily("pushgateway_http_requests_total",
                "Total HTTP requests processed by the Pushgateway, excluding scrapes.", MetricType.COUNTER, metrics));
    }
}
