package stackdriver.pushgateway.web;

import java.util.Map;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.store.GroupingKey;

/** What the web page shows of the export to Cloud Monitoring, as JSON objects; the wiring says where it comes from. */
public interface ExportView {

    /** A group's export status (as {@code export_status} of {@code /api/v1/metrics}), or null before its first export. */
    Map<String, Object> group(GroupingKey key);

    /** A family's metric types in Cloud Monitoring, when it was last written, and every series not written and why. */
    Map<String, Object> family(GroupingKey key, MetricFamily family);

    /** The export's health: last success, retries, backoff, and where it writes. */
    Map<String, Object> health();
}
