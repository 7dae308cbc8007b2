package stackdriver.pushgateway.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import stackdriver.pushgateway.store.GroupingKey;

/**
 * How the last export interval went for each group and each of its families: shown on {@code /api/v1/metrics}
 * (per group) and on the web page (per family, with every series not written and why).
 */
public final class ExportStatus {
    /** Reasons shown per group on {@code /api/v1/metrics}; the counts say how many there were. */
    static final int MAX_ERRORS_SHOWN = 10;

    /**
     * @param lastWritten end time of the last interval that wrote series of the family, or null
     * @param written     series written in the last interval
     * @param failed      series not written in the last interval
     */
    public record FamilyStatus(Instant lastWritten, int written, int failed) {
    }

    /**
     * @param lastExport    end time of the last interval that exported the group
     * @param lastSuccess   end time of the last interval in which every series of the group was written (or an
     *                      interval with nothing to send after such a one), or null
     * @param seriesWritten series written in the last interval
     * @param families      by family name, the families the last interval exported
     * @param rejections    every series not written in the last interval, and why
     */
    public record GroupStatus(Instant lastExport, Instant lastSuccess, int seriesWritten,
            Map<String, FamilyStatus> families, List<SeriesRejection> rejections) {

        public int seriesFailed() {
            return rejections.size();
        }

        public List<String> errors() {
            List<String> errors = new ArrayList<>();
            for (SeriesRejection rejection : rejections.subList(0, Math.min(rejections.size(), MAX_ERRORS_SHOWN))) {
                errors.add(rejection.series() + ": " + rejection.reason());
            }
            return errors;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("last_export", lastExport.toString());
            json.put("last_successful_export", text(lastSuccess));
            json.put("series_written", seriesWritten);
            json.put("series_failed", seriesFailed());
            json.put("errors", errors());
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

    /**
     * The JSON object of a family's status: when it was last written, how many series were and were not, and
     * each series not written with the reason; null before the group's first export.
     */
    public Map<String, Object> familyJson(GroupingKey key, String family) {
        GroupStatus status = byGroup.get(key);
        if (status == null) {
            return null;
        }
        FamilyStatus familyStatus = status.families().get(family);
        List<Map<String, String>> rejected = new ArrayList<>();
        for (SeriesRejection rejection : status.rejections()) {
            if (rejection.family().equals(family)) {
                rejected.add(Map.of("series", rejection.series(), "reason", rejection.reason()));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("last_written", familyStatus == null ? null : text(familyStatus.lastWritten()));
        json.put("series_written", familyStatus == null ? 0 : familyStatus.written());
        json.put("series_failed", rejected.size());
        json.put("rejected", rejected);
        return json;
    }

    /** @param written series written, by family */
    void update(GroupingKey key, Instant end, Map<String, Integer> written, List<SeriesRejection> rejections) {
        GroupStatus previous = byGroup.get(key);
        Instant lastSuccess;
        if (!rejections.isEmpty()) {
            lastSuccess = previous == null ? null : previous.lastSuccess();
        } else if (written.isEmpty() && previous != null && !previous.lastExport().equals(previous.lastSuccess())) {
            // nothing sent (every series too soon after its last point): no news since the interval that failed
            lastSuccess = previous.lastSuccess();
        } else {
            lastSuccess = end;
        }
        Map<String, Integer> failed = new HashMap<>();
        rejections.forEach(rejection -> failed.merge(rejection.family(), 1, Integer::sum));
        Map<String, FamilyStatus> families = new HashMap<>(written.size() + failed.size());
        int total = 0;
        for (Map.Entry<String, Integer> entry : written.entrySet()) {
            total += entry.getValue();
            families.put(entry.getKey(), new FamilyStatus(end, entry.getValue(), failed.getOrDefault(entry.getKey(), 0)));
        }
        failed.forEach((name, count) -> {
            if (!families.containsKey(name)) {
                FamilyStatus before = previous == null ? null : previous.families().get(name);
                families.put(name, new FamilyStatus(before == null ? null : before.lastWritten(), 0, count));
            }
        });
        byGroup.put(key, new GroupStatus(end, lastSuccess, total, families, List.copyOf(rejections)));
    }

    void retainOnly(Set<GroupingKey> present) {
        byGroup.keySet().retainAll(present);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
