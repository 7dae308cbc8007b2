package stackdriver.pushgateway.expiry;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import stackdriver.pushgateway.store.GroupingKey;

/**
 * A group whose grouping key matches every matcher gets this rule's TTL.
 *
 * @param ttl null: groups it matches never expire
 */
record TtlRule(List<LabelMatcher> matchers, Duration ttl) {

    boolean matches(GroupingKey key) {
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(key.labels())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ", "{", "} "))
                + (ttl == null ? "never" : ttl);
    }
}
