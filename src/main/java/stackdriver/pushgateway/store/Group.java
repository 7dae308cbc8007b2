package stackdriver.pushgateway.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of one group: its families by name, and the times of its last successful and
 * last failed push (null when there was none, shown as 0 as the Pushgateway does).
 */
public record Group(GroupingKey key, Map<String, StoredFamily> families, Instant lastPush, Instant lastFailure) {

    public static Group empty(GroupingKey key) {
        return new Group(key, Map.of(), null, null);
    }

    public boolean lastPushSuccessful() {
        return lastFailure == null || (lastPush != null && lastPush.isAfter(lastFailure));
    }

    /** The value of {@code push_time_seconds}: Unix seconds of the last successful push, 0 when none. */
    public double pushTimeSeconds() {
        return seconds(lastPush);
    }

    /** The value of {@code push_failure_time_seconds}: Unix seconds of the last failed push, 0 when none. */
    public double pushFailureTimeSeconds() {
        return seconds(lastFailure);
    }

    private static double seconds(Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    public int seriesCount() {
        int n = 0;
        for (StoredFamily stored : families.values()) {
            n += stored.family().metrics().size();
        }
        return n;
    }

    Group withFamilies(Map<String, StoredFamily> newFamilies, Instant pushedAt) {
        return new Group(key, Collections.unmodifiableMap(new TreeMap<>(newFamilies)), pushedAt, lastFailure);
    }

    Group withFailure(Instant failedAt) {
        return new Group(key, families, lastPush, failedAt);
    }
}
