package stackdriver.pushgateway.export;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import stackdriver.pushgateway.store.GroupingKey;

/** How the last export interval went for each group, shown on {@code /api/v1/metrics}. */
public final class ExportStatus {
    /** Reasons kept per group; the counts say how many there were. */
    static final int MAX_ERRORS_SHOWN = 10;

    /**
     * @param lastExport     end time of the last interval that exported the group
     * @param lastSuccess    end time of the last interval in which every series of the group was written, or null
     * @param seriesWritten  series written in the last interval
     * @param seriesFailed   series not written in the last interval
     * @param errors         why, for the first few of them
     */
    public record GroupStatus(Instant lastExport, Instant lastSuccess, int seriesWritten, int seriesFailed,
            List<String> errors) {

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("last_export", lastExport.toString());
            json.put("last_successful_export", lastSuccess == null ? null : lastSuccess.toString());
            json.put("series_written", seriesWritten);
            json.put("series_failed", seriesFailed);
            json.put("errors", errors);
            return json;
        }
    }

    private final Map<GroupingKey, GroupStatus> byGroup = new ConcurrentHashMap<>();

    public GroupStatus of(GroupingKey key) {
        return byGroup.get(key);
    }

    /** The JSON object of a group's status, or null before its first export. */
    public Map<String, Object> json(GroupingKey key) {
        GroupStatus status = byGroup.get(key);
        return status == null ? null : status.toJson();
    }

    void update(GroupingKey key, Instant end, int written, int failed, List<String> errors) {
        GroupStatus previous = byGroup.get(key);
        Instant lastSuccess = failed == 0 ? end : previous == null ? null : previous.lastSuccess();
        byGroup.put(key, new GroupStatus(end, lastSuccess, written, failed,
                List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS_SHOWN)))));
    }

    void retainOnly(Set<GroupingKey> present) {
        byGroup.keySet().retainAll(present);
    }
}
