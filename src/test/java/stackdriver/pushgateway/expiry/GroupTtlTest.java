package stackdriver.pushgateway.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;

/** Which TTL a group gets: the settings, the rules' syntax and their order. */
class GroupTtlTest {

    @TempDir
    Path dir;

    @Test
    void withNoSettingNoGroupExpires() {
        GroupTtl ttl = ttl();

        assertThat(ttl.enabled()).isFalse();
        assertThat(ttl.ttlOf(GroupingKey.of("job", "any"))).isNull();
    }

    @Test
    void theDefaultTtlAppliesToGroupsNoRuleMatches() {
        GroupTtl ttl = ttl("gateway.groups.ttl", "24h", "gateway.groups.ttl-rules", "{job=\"backup\"} 36h");

        assertThat(ttl.ttlOf(GroupingKey.of("job", "web"))).isEqualTo(Duration.ofHours(24));
        assertThat(ttl.ttlOf(GroupingKey.of("job", "backup"))).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void rulesAloneGiveATtlOnlyToTheGroupsTheyMatch() {
        GroupTtl ttl = ttl("gateway.groups.ttl-rules", "job=~\"ci-.*\" 1h");

        assertThat(ttl.enabled()).isTrue();
        assertThat(ttl.ttlOf(GroupingKey.of("job", "ci-build"))).isEqualTo(Duration.ofHours(1));
        assertThat(ttl.ttlOf(GroupingKey.of("job", "web"))).isNull();
    }

    @Test
    void theFirstMatchingRuleWins() {
        GroupTtl ttl = ttl("gateway.groups.ttl-rules", "{job=\"ci-release\"} 48h; {job=~\"ci-.*\"} 1h");
        GroupTtl reversed = ttl("gateway.groups.ttl-rules", "{job=~\"ci-.*\"} 1h; {job=\"ci-release\"} 48h");

        assertThat(ttl.ttlOf(GroupingKey.of("job", "ci-release"))).isEqualTo(Duration.ofHours(48));
        assertThat(reversed.ttlOf(GroupingKey.of("job", "ci-release"))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void neverExemptsMatchingGroupsFromTheDefault() {
        GroupTtl ttl = ttl("gateway.groups.ttl", "1h", "gateway.groups.ttl-rules", "{job=\"heartbeat\"} never");

        assertThat(ttl.ttlOf(GroupingKey.of("job", "heartbeat"))).isNull();
        assertThat(ttl.expiresAt(group(GroupingKey.of("job", "heartbeat"), Instant.EPOCH, null))).isNull();
    }

    @Test
    void everyMatcherOfARuleMustMatchWithPromQlSemantics() {
        GroupTtl ttl = ttl("gateway.groups.ttl-rules", """
                {job="batch", instance!=""} 1h
                {job="batch", zone!~"eu-.*",} 2h
                {job="batch", zone=~'eu-\\\\d'} 3h
                """);

        assertThat(ttl.ttlOf(GroupingKey.of("job", "batch", "instance", "a"))).isEqualTo(Duration.ofHours(1));
        // an absent label is the empty value
        assertThat(ttl.ttlOf(GroupingKey.of("job", "batch"))).isEqualTo(Duration.ofHours(2));
        assertThat(ttl.ttlOf(GroupingKey.of("job", "batch", "zone", "eu-1"))).isEqualTo(Duration.ofHours(3));
        // a regular expression matches the whole value
        assertThat(ttl.ttlOf(GroupingKey.of("job", "batch", "zone", "eu-12"))).isNull();
    }

    @Test
    void valuesMayBeQuotedAsPromQlQuotesThem() {
        GroupTtl ttl = ttl("gateway.groups.ttl-rules",
                "{job=\"a\\\"b\"} 1h; {job='c'} 2h; {job=~`d\\.e`} 3h; {job=\"f\\\\g\"} 4h");

        assertThat(ttl.ttlOf(GroupingKey.of("job", "a\"b"))).isEqualTo(Duration.ofHours(1));
        assertThat(ttl.ttlOf(GroupingKey.of("job", "c"))).isEqualTo(Duration.ofHours(2));
        assertThat(ttl.ttlOf(GroupingKey.of("job", "d.e"))).isEqualTo(Duration.ofHours(3));
        assertThat(ttl.ttlOf(GroupingKey.of("job", "dxe"))).isNull();
        assertThat(ttl.ttlOf(GroupingKey.of("job", "f\\g"))).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aRulesFileComesAfterTheSettingsRulesAndMayHoldComments() throws Exception {
        Path file = dir.resolve("ttl.rules");
        Files.writeString(file, """
                # CI jobs
                {job=~"ci-.*"} 1h   # short-lived

                {job="nightly-backup"} 36h
                """);
        GroupTtl ttl = ttl("gateway.groups.ttl-rules", "{job=\"ci-keep\"} never",
                "gateway.groups.ttl-rules-file", file.toString());

        assertThat(ttl.ttlOf(GroupingKey.of("job", "ci-keep"))).isNull();
        assertThat(ttl.ttlOf(GroupingKey.of("job", "ci-x"))).isEqualTo(Duration.ofHours(1));
        assertThat(ttl.ttlOf(GroupingKey.of("job", "nightly-backup"))).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void aGroupExpiresItsTtlAfterItsLastPushSuccessfulOrFailed() {
        GroupTtl ttl = ttl("gateway.groups.ttl", "1h");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        GroupingKey key = GroupingKey.of("job", "a");

        assertThat(ttl.expiresAt(group(key, t, null))).isEqualTo(t.plus(Duration.ofHours(1)));
        assertThat(ttl.expiresAt(group(key, t, t.plusSeconds(60)))).isEqualTo(t.plus(Duration.ofMinutes(61)));
        assertThat(ttl.expired(group(key, t, null), t.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(ttl.expired(group(key, t, null), t.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void groupsAreCheckedEveryTenthOfTheShortestTtlWithinASecondAndAMinute() {
        assertThat(ttl("gateway.groups.ttl", "5m", "gateway.groups.ttl-rules", "{job=\"a\"} 100s; {job=\"b\"} never")
                .sweepInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ttl("gateway.groups.ttl", "2s").sweepInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ttl("gateway.groups.ttl", "36h").sweepInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{job==\"x\"} 1h | rule 1: unknown operator \"==\" after job (use =, !=, =~ or !~)",
            "{job~=\"x\"} 1h | rule 1: unknown operator \"~=\" after job (use =, !=, =~ or !~)",
            "{job \"x\"} 1h | rule 1: missing operator after job (use =, !=, =~ or !~)",
            "{job=\"a\"} 1h; {job=~\"ci-(\"} 1h | rule 2: bad regular expression \"ci-(\" for job: Unclosed group near index 4",
            "{job=\"x\" 1h | rule 1: expected , or } after job=\"x\", found \"1h\"",
            "{job=\"x\"} | rule 1: missing TTL after the matchers (e.g. 36h, or never)",
            "{job=\"x\"} -5m | rule 1: TTL must be a duration such as 90s, 30m, 36h or 7d, or never, not \"-5m\"",
            "{job=\"x\"} 0s | rule 1: TTL must be above 0, not \"0s\"",
            "{job=\"x\"} 1h 2h | rule 1: unexpected \"2h\" after the TTL (rules are separated by ; or a new line)",
            "{} 1h | rule 1: a rule needs at least one matcher, e.g. {job=\"x\"} 1h",
            "{job=x} 1h | rule 1: expected a quoted value after job=, found \"x} 1h\"",
            "{job=\"x} 1h | rule 1: the value after job= has no closing \"",
            "{1job=\"x\"} 1h | rule 1: expected a label name, found \"1job=\"x\"} 1h\""})
    void aMalformedRuleIsRefusedWithWhatIsWrong(String rules, String message) {
        assertThatThrownBy(() -> ttl("gateway.groups.ttl-rules", rules))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting gateway.groups.ttl-rules: " + message);
    }

    @Test
    void aMalformedRuleInTheFileIsRefusedWithItsLine() throws Exception {
        Path file = dir.resolve("ttl.rules");
        Files.writeString(file, "# comment\n{job=\"a\"} 1h\n{job=~\"(\"} 1h\n");

        assertThatThrownBy(() -> ttl("gateway.groups.ttl-rules-file", file.toString()))
                .hasMessage("setting gateway.groups.ttl-rules-file: " + file.toAbsolutePath()
                        + ": rule 2 (line 3): bad regular expression \"(\" for job: Unclosed group near index 1");
    }

    @Test
    void aMissingRulesFileIsRefused() {
        Path file = dir.resolve("absent.rules");

        assertThatThrownBy(() -> ttl("gateway.groups.ttl-rules-file", file.toString()))
                .hasMessageStartingWith("setting gateway.groups.ttl-rules-file: " + file.toAbsolutePath() + " cannot be read");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-5m | setting gateway.groups.ttl must be a duration such as 500ms, 15s, 5m or 1h, not \"-5m\"",
            "0s | setting gateway.groups.ttl must be a duration above 0, not 0s",
            "soon | setting gateway.groups.ttl must be a duration such as 500ms, 15s, 5m or 1h, not \"soon\""})
    void aBadDefaultTtlIsRefused(String value, String message) {
        assertThatThrownBy(() -> ttl("gateway.groups.ttl", value)).hasMessage(message);
    }

    private static Group group(GroupingKey key, Instant lastPush, Instant lastFailure) {
        return new Group(key, new TreeMap<>(), lastPush, lastFailure);
    }

    private static GroupTtl ttl(String... settings) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            overrides.put(settings[i], settings[i + 1]);
        }
        return GroupTtl.from(GatewaySettings.load(Path.of("config/application.properties"), Map.of(), overrides));
    }
}
