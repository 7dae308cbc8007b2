package stackdriver.pushgateway.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.http.Answer;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.StoredFamily;

/**
 * {@code GET /api/v1/group?job=x&instance=y}: one group, named by its grouping key as query parameters, with
 * every family and series (as {@code /api/v1/metrics} shows them) and, per family, what became of it in Cloud
 * Monitoring. What the web page loads when a group is expanded.
 */
public class GroupDetail implements Processor {

    private final GroupStore store;
    private final ExportView export;

    public GroupDetail(GroupStore store, ExportView export) {
        this.store = store;
        this.export = export;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Labels labels;
        try {
            labels = Labels.of(QueryParameters.of(message));
        } catch (IllegalArgumentException e) {
            Answer.text(message, 400, e.getMessage() + "\n");
            return;
        }
        if (labels.get("job") == null) {
            Answer.text(message, 400, "give the group's grouping key as query parameters, e.g. ?job=backup&instance=db1:"
                    + " the job is missing\n");
            return;
        }
        GroupingKey key = new GroupingKey(labels);
        Group group = store.group(key);
        if (group == null) {
            Answer.text(message, 404, "no group " + key + " is stored\n");
            return;
        }
        Map<String, Object> data = header(group);
        Map<String, Object> exported = export.group(key);
        if (exported != null) {
            data.put("export_status", exported);
        }
        List<Map<String, Object>> families = new ArrayList<>();
        for (StoredFamily stored : ApiMetrics.familiesOf(group)) {
            Map<String, Object> family = new LinkedHashMap<>();
            family.put("name", stored.family().name());
            family.putAll(ApiMetrics.familyJson(stored.family(), stored.pushedAt()));
            family.put("cloud_monitoring", export.family(key, stored.family()));
            families.add(family);
        }
        data.put("families", families);
        Answer.body(message, 200, "application/json", Json.MAPPER.writeValueAsBytes(Map.of("status", "success", "data", data)));
    }

    /** What the page shows of a group before it is expanded: its labels and its pushes. */
    static Map<String, Object> header(Group group) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("labels", group.key().labels().toMap());
        json.put("last_push_successful", group.lastPushSuccessful());
        json.put("last_push", text(group.lastPush()));
        json.put("last_failure", text(group.lastFailure()));
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
