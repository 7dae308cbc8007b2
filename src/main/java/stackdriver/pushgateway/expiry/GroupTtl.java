package stackdriver.pushgateway.expiry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;

/**
 * {@code gateway.groups.*}: how long a group may go without a push before it is deleted. The first rule whose
 * matchers all match a group's grouping key gives its TTL ({@code never}: none); a group no rule matches gets
 * {@code gateway.groups.ttl}, or no TTL when that is empty. The rules of {@code gateway.groups.ttl-rules} come
 * before those of {@code gateway.groups.ttl-rules-file}.
 *
 * @param defaultTtl null: groups no rule matches never expire
 */
public record GroupTtl(Duration defaultTtl, List<TtlRule> rules) {

    private static final Duration SHORTEST_SWEEP = Duration.ofSeconds(1);
    private static final Duration LONGEST_SWEEP = Duration.ofMinutes(1);

    public static GroupTtl from(GatewaySettings settings) {
        String ttl = settings.get("gateway.groups.ttl", "");
        Duration defaultTtl = ttl.isEmpty() || ttl.equals("never") ? null : settings.getPositiveDuration("gateway.groups.ttl");
        List<TtlRule> rules = new ArrayList<>();
        try {
            rules.addAll(TtlRuleParser.parse(settings.get("gateway.groups.ttl-rules", "")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting gateway.groups.ttl-rules: " + e.getMessage());
        }
        String file = settings.get("gateway.groups.ttl-rules-file", "");
        if (!file.isEmpty()) {
            rules.addAll(rulesFile(Path.of(file)));
        }
        return new GroupTtl(defaultTtl, List.copyOf(rules));
    }

    private static List<TtlRule> rulesFile(Path file) {
        String where = "setting gateway.groups.ttl-rules-file: " + file.toAbsolutePath();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " cannot be read: " + e);
        }
        try {
            // "line N" even for a file of one line: the reader looks for it in the file
            return TtlRuleParser.parse(text.endsWith("\n") ? text : text + "\n");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** True when some group can expire. */
    public boolean enabled() {
        return shortestTtl() != null;
    }

    /** The group's TTL; null when it never expires. */
    public Duration ttlOf(GroupingKey key) {
        for (TtlRule rule : rules) {
            if (rule.matches(key)) {
                return rule.ttl();
            }
        }
        return defaultTtl;
    }

    /**
     * When the group expires: its TTL after its last push, successful or failed (a job whose pushes fail is still
     * running, and its group shows the failure). Null when it never expires.
     */
    public Instant expiresAt(Group group) {
        Duration ttl = ttlOf(group.key());
        Instant lastPush = lastPush(group);
        return ttl == null || lastPush == null ? null : lastPush.plus(ttl);
    }

    public boolean expired(Group group, Instant now) {
        Instant expiresAt = expiresAt(group);
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /**
     * How often groups are checked: a tenth of the shortest TTL, within [1s, 1min], so that a group outlives its TTL
     * by a tenth of it or 1s at most, and a store of many groups is not walked more than once a second.
     */
    public Duration sweepInterval() {
        Duration tenth = shortestTtl().dividedBy(10);
        return tenth.compareTo(SHORTEST_SWEEP) < 0 ? SHORTEST_SWEEP
                : tenth.compareTo(LONGEST_SWEEP) > 0 ? LONGEST_SWEEP : tenth;
    }

    private Duration shortestTtl() {
        Duration shortest = defaultTtl;
        for (TtlRule rule : rules) {
            if (rule.ttl() != null && (shortest == null || rule.ttl().compareTo(shortest) < 0)) {
                shortest = rule.ttl();
            }
        }
        return shortest;
    }

    private static Instant lastPush(Group group) {
        Instant success = group.lastPush();
        Instant failure = group.lastFailure();
        if (success == null) {
            return failure;
        }
        return failure == null || success.isAfter(failure) ? success : failure;
    }
}
