package stackdriver.pushgateway.store;

import java.time.Instant;
import stackdriver.pushgateway.model.MetricFamily;

/** A family as stored in a group: its series carry the grouping key's labels; pushedAt is when it was last written. */
public record StoredFamily(MetricFamily family, Instant pushedAt) {
}
