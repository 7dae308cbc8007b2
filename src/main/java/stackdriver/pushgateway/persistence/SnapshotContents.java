package stackdriver.pushgateway.persistence;

import java.util.List;
import java.util.Map;
import stackdriver.pushgateway.store.Group;

/** What a snapshot holds: every group, and the saved state of other components by name. */
public record SnapshotContents(List<Group> groups, Map<String, byte[]> states) {
}
