package stackdriver.pushgateway;

import java.util.LinkedHashMap;
import java.util.Map;
import stackdriver.pushgateway.export.CloudMonitoringExport;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.web.ExportView;

/** The export as the web page sees it: the web package does not know the export, the wiring joins them. */
final class PageExportView implements ExportView {
    private final CloudMonitoringExport export;

    PageExportView(CloudMonitoringExport export) {
        this.export = export;
    }

    @Override
    public Map<String, Object> group(GroupingKey key) {
        return export.status().json(key);
    }

    @Override
    public Map<String, Object> family(GroupingKey key, MetricFamily family) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metric_types", export.metricTypes(family.name(), family.type()));
        Map<String, Object> status = export.status().familyJson(key, family.name());
        if (status != null) {
            json.putAll(status);
        }
        return json;
    }

    @Override
    public Map<String, Object> health() {
        return export.healthJson();
    }
}
