package stackdriver.pushgateway.web;

import stackdriver.pushgateway.http.Answer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.exposition.GoFloat;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.StoredFamily;

/** {@code GET /api/v1/metrics}: every group in the Pushgateway's JSON shape, values as strings. */
public class ApiMetrics implements Processor {

    private final GroupStore store;
    private final Function<GroupingKey, Map<String, Object>> exportStatus;
    private final Function<Group, Instant> expiresAt;

    public ApiMetrics(GroupStore store) {
        this(store, key -> null, group -> null);
    }

    /**
     * @param exportStatus a group's Cloud Monitoring export status, shown as {@code export_status}; null: none yet
     * @param expiresAt    when a group expires (its TTL), shown as {@code expires_at}; null: never
     */
    public ApiMetrics(GroupStore store, Function<GroupingKey, Map<String, Object>> exportStatus,
            Function<Group, Instant> expiresAt) {
        this.store = store;
        this.exportStatus = exportStatus;
        this.expiresAt = expiresAt;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Group group : store.groups()) {
            Map<String, Object> json = groupJson(group);
            Instant expiry = expiresAt.apply(group);
            if (expiry != null) {
                json.put("expires_at", expiry.toString());
            }
            Map<String, Object> export = exportStatus.apply(group.key());
            if (export != null) {
                json.put("export_status", export);
            }
            data.add(json);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("data", data);
        // as large as GET /metrics with a large store: the same pieces, not one array grown and copied
        PageBuffer out = new PageBuffer();
        Json.MAPPER.writeValue(out, body);
        Answer.body(exchange.getMessage(), 200, "application/json", out.toBuffer());
    }

    private static Map<String, Object> groupJson(Group group) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("labels", group.key().labels().toMap());
        json.put("last_push_successful", group.lastPushSuccessful());
        for (StoredFamily stored : familiesOf(group)) {
            json.put(stored.family().name(), familyJson(stored.family(), stored.pushedAt()));
        }
        return json;
    }

    /** The group's families as the API shows them: the pushed ones, then the gateway's push times. */
    static List<StoredFamily> familiesOf(Group group) {
        List<StoredFamily> families = new ArrayList<>(group.families().values());
        Labels groupLabels = group.key().labels().withEmptyIfAbsent("instance");
        Instant lastChange = latest(group.lastPush(), group.lastFailure());
        families.add(new StoredFamily(new MetricFamily("push_failure_time_seconds",
                ExposedFamilies.PUSH_FAILURE_TIME_HELP, MetricType.GAUGE,
                List.of(Metric.ofValue(groupLabels, group.pushFailureTimeSeconds()))), lastChange));
        families.add(new StoredFamily(new MetricFamily("push_time_seconds",
                ExposedFamilies.PUSH_TIME_HELP, MetricType.GAUGE,
                List.of(Metric.ofValue(groupLabels, group.pushTimeSeconds()))), lastChange));
        return families;
    }

    static Map<String, Object> familyJson(MetricFamily family, Instant pushedAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time_stamp", pushedAt == null ? Instant.EPOCH.toString() : pushedAt.toString());
        json.put("type", family.type() == MetricType.GAUGE_HISTOGRAM
                ? "GAUGE_HISTOGRAM" : family.type().name());
        if (!family.help().isEmpty()) {
            json.put("help", family.help());
        }
        List<Map<String, Object>> metrics = new ArrayList<>(family.metrics().size());
        for (Metric metric : family.metrics()) {
            metrics.add(metricJson(family, metric));
        }
        json.put("metrics", metrics);
        return json;
    }

    private static Map<String, Object> metricJson(MetricFamily family, Metric metric) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("labels", metric.labels().withEmptyIfAbsent("instance").toMap());
        switch (family.type()) {
            case HISTOGRAM, GAUGE_HISTOGRAM -> {
                if (metric.bucketBounds().length == 0 && metric.nativeHistogram() != null) {
                    // as 1.8: the classic buckets when there are any, else the native ones
                    json.put("sum", GoFloat.format(metric.sum()));
                    json.put("count", GoFloat.format(metric.count()));
                    json.put("buckets", NativeBucketsJson.of(metric.nativeHistogram()));
                    return json;
                }
                Map<String, String> buckets = new LinkedHashMap<>();
                for (int i = 0; i < metric.bucketBounds().length; i++) {
                    buckets.put(GoFloat.format(metric.bucketBounds()[i]), GoFloat.format(metric.bucketCounts()[i]));
                }
                json.put("buckets", buckets);
                json.put("count", GoFloat.format(metric.count()));
                json.put("sum", GoFloat.format(metric.sum()));
            }
            case SUMMARY -> {
                Map<String, String> quantiles = new LinkedHashMap<>();
                for (int i = 0; i < metric.quantiles().length; i++) {
                    quantiles.put(GoFloat.format(metric.quantiles()[i]), GoFloat.format(metric.quantileValues()[i]));
                }
                json.put("quantiles", quantiles);
                json.put("count", GoFloat.format(metric.count()));
                json.put("sum", GoFloat.format(metric.sum()));
            }
            default -> json.put("value", GoFloat.format(metric.value()));
        }
        return json;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

}
