package stackdriver.pushgateway.store;

import java.time.Instant;
import stackdriver.pushgateway.model.MetricFamily;

/**
 * A family as stored in a group: its series carry the grouping key's labels; pushedAt is when it was last written,
 * since when it was first stored with its type in this group (a counter's start when it has no {@code _created}),
 * resets when each of its series last went down (a counter's start after that).
 * All are the push's own time, so every writer replica applying the same messages holds the same.
 */
public record StoredFamily(MetricFamily family, Instant pushedAt, Instant since, SeriesResets resets) {

    public StoredFamily(MetricFamily family, Instant pushedAt, Instant since) {
        this(family, pushedAt, since, SeriesResets.NONE);
    }

    public StoredFamily(MetricFamily family, Instant pushedAt) {
        this(family, pushedAt, pushedAt);
    }
}
