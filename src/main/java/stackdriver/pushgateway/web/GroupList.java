package stackdriver.pushgateway.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.http.Answer;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;

/**
 * {@code GET /api/v1/groups?offset=0&limit=100&filter=text}: the groups a page at a time, in grouping-key order,
 * each with its labels and a summary (no series), so that the web page stays small with any number of groups. A
 * filter keeps the groups whose grouping key, written as {@code {job="x",...}}, contains the text in any case.
 * Reads the store's current groups without a lock: a push never waits for it.
 */
public class GroupList implements Processor {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final GroupStore store;
    private final ExportView export;
    private final Function<Group, Instant> expiresAt;

    /** @param expiresAt when a group expires (its TTL), shown as {@code expires_at}; null: never */
    public GroupList(GroupStore store, ExportView export, Function<Group, Instant> expiresAt) {
        this.store = store;
        this.export = export;
        this.expiresAt = expiresAt;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Map<String, String> query;
        int offset;
        int limit;
        try {
            query = QueryParameters.of(message);
            offset = number(query, "offset", 0, Integer.MAX_VALUE, 0);
            limit = number(query, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        } catch (IllegalArgumentException e) {
            Answer.text(message, 400, e.getMessage() + "\n");
            return;
        }
        String filter = query.getOrDefault("filter", "").toLowerCase(Locale.ROOT);
        List<Group> matching = new ArrayList<>();
        for (Group group : store.groups()) {
            if (filter.isEmpty() || group.key().toString().toLowerCase(Locale.ROOT).contains(filter)) {
                matching.add(group);
            }
        }
        matching.sort(Comparator.comparing(Group::key));
        List<Map<String, Object>> groups = new ArrayList<>();
        int from = Math.min(offset, matching.size());
        int to = (int) Math.min((long) offset + limit, matching.size());
        for (Group group : matching.subList(from, to)) {
            groups.add(summary(group));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total", matching.size());
        data.put("offset", offset);
        data.put("limit", limit);
        data.put("groups", groups);
        Answer.body(message, 200, "application/json", Json.MAPPER.writeValueAsBytes(Map.of("status", "success", "data", data)));
    }

    private Map<String, Object> summary(Group group) {
        Map<String, Object> json = GroupDetail.header(group);
        json.put("families", group.families().size());
        json.put("series", group.seriesCount());
        Instant expiry = expiresAt.apply(group);
        if (expiry != null) {
            json.put("expires_at", expiry.toString());
        }
        Map<String, Object> exported = export.group(group.key());
        if (exported != null) {
            json.put("export_status", exported);
        }
        return json;
    }

    /** The parameter as a whole number in [min, max], or the fallback when absent; else a message naming it. */
    private static int number(Map<String, String> query, String name, int min, int max, int fallback) {
        String text = query.get(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("query parameter " + name + " must be a whole number from " + min + " to "
                + max + ", not \"" + text + "\"");
    }
}
