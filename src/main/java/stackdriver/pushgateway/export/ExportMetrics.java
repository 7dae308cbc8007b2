package stackdriver.pushgateway.export;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/** The export's own metrics, shown on {@code GET /metrics}. */
public final class ExportMetrics {
    private final LongAdder seriesWritten = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final AtomicLong lastBackoffNanos = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile Duration lastDuration = Duration.ZERO;

    void written(int points) {
        seriesWritten.add(points);
    }

    void request(String code) {
        requests.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void failed(String cause, int series) {
        failures.computeIfAbsent(cause, c -> new LongAdder()).add(series);
    }

    void retry(Duration wait) {
        retries.increment();
        lastBackoffNanos.set(wait.toNanos());
    }

    void cycle(Instant end, Duration duration, boolean successful) {
        lastDuration = duration;
        if (successful) {
            lastSuccess = end;
        }
    }

    public long seriesWritten() {
        return seriesWritten.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long requests(String code) {
        LongAdder count = requests.get(code);
        return count == null ? 0 : count.sum();
    }

    public long failures(String cause) {
        LongAdder count = failures.get(cause);
        return count == null ? 0 : count.sum();
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** The export's health for the web page: the last success, how long an interval took, retries and backoff. */
    public Map<String, Object> healthJson() {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        Instant success = lastSuccess;
        json.put("last_success", success == null ? null : success.toString());
        json.put("last_duration_seconds", lastDuration.toNanos() / 1e9);
        json.put("series_written_total", seriesWritten.sum());
        json.put("retries_total", retries.sum());
        json.put("last_backoff_seconds", lastBackoffNanos.get() / 1e9);
        json.put("requests_total", totals(requests));
        json.put("failures_total", totals(failures));
        return json;
    }

    private static Map<String, Long> totals(Map<String, LongAdder> counts) {
        Map<String, Long> totals = new TreeMap<>();
        counts.forEach((key, count) -> totals.put(key, count.sum()));
        return totals;
    }

    public List<MetricFamily> families() {
        List<MetricFamily> families = new ArrayList<>();
        families.add(family("stackdriver_pushgateway_export_series_total",
                "Points written to Cloud Monitoring, one per series per export interval.", MetricType.COUNTER,
                List.of(Metric.ofValue(Labels.EMPTY, seriesWritten.sum()))));
        families.add(family("stackdriver_pushgateway_export_requests_total",
                "CreateTimeSeries requests sent, by the status code of the answer.", MetricType.COUNTER,
                byLabel("code", requests)));
        families.add(family("stackdriver_pushgateway_export_failures_total",
                "Series not written in an export interval, by reason.", MetricType.COUNTER, byLabel("reason", failures)));
        families.add(family("stackdriver_pushgateway_export_retries_total",
                "CreateTimeSeries requests retried after UNAVAILABLE, DEADLINE_EXCEEDED or RESOURCE_EXHAUSTED.",
                MetricType.COUNTER, List.of(Metric.ofValue(Labels.EMPTY, retries.sum()))));
        families.add(family("stackdriver_pushgateway_export_last_backoff_seconds",
                "The last wait before a retry.", MetricType.GAUGE,
                List.of(Metric.ofValue(Labels.EMPTY, lastBackoffNanos.get() / 1e9))));
        Instant success = lastSuccess;
        families.add(family("stackdriver_pushgateway_export_last_success_timestamp_seconds",
                "Unix time of the last export interval in which Cloud Monitoring answered every request.",
                MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY,
                        success == null ? 0 : success.toEpochMilli() / 1000.0))));
        families.add(family("stackdriver_pushgateway_export_duration_seconds",
                "How long the last export interval took to write everything.", MetricType.GAUGE,
                List.of(Metric.ofValue(Labels.EMPTY, lastDuration.toNanos() / 1e9))));
        return families;
    }

    private static MetricFamily family(String name, String help, MetricType type, List<Metric> metrics) {
        return new MetricFamily(name, help, type, metrics);
    }

    private static List<Metric> byLabel(String label, Map<String, LongAdder> counts) {
        List<Metric> metrics = new ArrayList<>();
        new TreeMap<>(counts).forEach((value, count) -> metrics.add(Metric.ofValue(Labels.of(label, value), count.sum())));
        return metrics;
    }
}
