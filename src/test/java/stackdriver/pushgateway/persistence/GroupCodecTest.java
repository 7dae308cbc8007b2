package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.SeriesResets;
import stackdriver.pushgateway.store.StoredFamily;

class GroupCodecTest {

    @Test
    void groupComesBackWithEveryFieldAndOddFloatsBitForBit() throws IOException {
        Group group = Groups.everyKind(GroupingKey.of("job", "batch", "instance", "a"));

        Group back = roundTrip(group);

        Groups.assertSameGroups(java.util.List.of(back), group);
        assertThat(Double.doubleToRawLongBits(Groups.gaugeValue(back, "temperature")))
                .isEqualTo(Double.doubleToRawLongBits(Double.NaN));
        assertThat(back.families().get("temperature").family().metrics().get(3).value()).isEqualTo(-0.0);
        assertThat(encoded(back)).isEqualTo(encoded(group));
    }

    @Test
    void aFamilysFirstStoredTimeComesBack() throws IOException {
        java.time.Instant since = java.time.Instant.parse("2026-01-01T00:00:00.123Z");
        StoredFamily family = new StoredFamily(new stackdriver.pushgateway.model.MetricFamily("a_total", "",
                stackdriver.pushgateway.model.MetricType.COUNTER, java.util.List.of()), since.plusSeconds(60), since);
        Group group = new Group(GroupingKey.of("job", "j"), java.util.Map.of("a_total", family), since, null);

        assertThat(roundTrip(group).families().get("a_total").since()).isEqualTo(since);
    }

    @Test
    void nativeHistogramsComeBackFieldForField() throws IOException {
        Group group = Groups.everyKind(GroupingKey.of("job", "batch"));

        java.util.List<stackdriver.pushgateway.model.Metric> latency =
                roundTrip(group).families().get("latency").family().metrics();

        assertThat(latency).containsExactlyElementsOf(group.families().get("latency").family().metrics());
        assertThat(latency.get(1).nativeHistogram().positive().deltas()).containsExactly(2, -1, 1);
        assertThat(latency.get(2).nativeHistogram().positive().counts()).containsExactly(1.5, 2.5);
        assertThat(latency.get(0).nativeHistogram()).isNull();
    }

    @Test
    void aGroupWrittenByTheFormatBeforeNativeHistogramsIsStillRead() throws IOException {
        // format 2 is format 4 without each metric's trailing native flag and each family's resets flag, the last two
        assertAnOlderFormatIsRead(GroupCodec.FORMAT_WITHOUT_NATIVE, 2);
    }

    @Test
    void theResetsOfAFamilysSeriesComeBack() throws IOException {
        java.time.Instant reset = java.time.Instant.parse("2026-01-01T00:00:00.123456789Z");
        SeriesResets resets = SeriesResets.of(new java.time.Instant[] {null, reset});
        StoredFamily family = new StoredFamily(new stackdriver.pushgateway.model.MetricFamily("a_total", "",
                stackdriver.pushgateway.model.MetricType.COUNTER, java.util.List.of(
                        stackdriver.pushgateway.model.Metric.ofValue(stackdriver.pushgateway.model.Labels.of("p", "a"), 3),
                        stackdriver.pushgateway.model.Metric.ofValue(stackdriver.pushgateway.model.Labels.of("p", "b"), 1))),
                reset, java.time.Instant.EPOCH, resets);
        Group group = new Group(GroupingKey.of("job", "j"), java.util.Map.of("a_total", family), reset, null);

        assertThat(roundTrip(group).families().get("a_total").resets()).isEqualTo(resets);
    }

    @Test
    void aGroupWrittenByTheFormatBeforeResetsIsStillRead() throws IOException {
        // format 3 is format 4 without each family's trailing resets flag, here the last byte
        assertAnOlderFormatIsRead(GroupCodec.FORMAT_WITHOUT_RESETS, 1);
    }

    /** A group of one counter, written without the last {@code missing} bytes (flags that are false), read as {@code format}. */
    private static void assertAnOlderFormatIsRead(int format, int missing) throws IOException {
        StoredFamily family = new StoredFamily(new stackdriver.pushgateway.model.MetricFamily("a_total", "",
                stackdriver.pushgateway.model.MetricType.COUNTER, java.util.List.of(
                        stackdriver.pushgateway.model.Metric.ofValue(stackdriver.pushgateway.model.Labels.EMPTY, 3))),
                java.time.Instant.EPOCH);
        Group group = new Group(GroupingKey.of("job", "j"), java.util.Map.of("a_total", family), null, null);
        byte[] current = encoded(group);
        for (int i = 1; i <= missing; i++) {
            assertThat(current[current.length - i]).isZero();
        }
        byte[] older = Arrays.copyOf(current, current.length - missing);

        ByteBuffer entry = ByteBuffer.wrap(older);
        Group back = GroupCodec.readGroup(entry, format);

        assertThat(back).isEqualTo(group);
        assertThat(entry.remaining()).as("bytes of the entry left unread").isZero();
        assertThat(GroupCodec.readable(format)).isTrue();
    }

    @Test
    void emptyGroupWithoutTimesComesBack() throws IOException {
        Group group = Group.empty(GroupingKey.of("job", "j"));

        assertThat(roundTrip(group)).isEqualTo(group);
    }

    @Test
    void aHugeLengthIsRefusedAsCorrupt() {
        byte[] bytes = encoded(Group.empty(GroupingKey.of("job", "j")));
        byte[] damaged = Arrays.copyOf(bytes, bytes.length);
        damaged[0] = 0x7f;

        assertThatThrownBy(() -> GroupCodec.readGroup(ByteBuffer.wrap(damaged), GroupCodec.FORMAT))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("invalid length");
    }

    @Test
    void aFamilysSeriesShareTheLabelStringsTheyHaveInCommonAsPushedOnesDo() throws IOException {
        List<Metric> metrics = List.of(
                Metric.ofValue(Labels.of("job", "web", "path", "/a", "code", "200"), 1),
                Metric.ofValue(Labels.of("job", "web", "path", "/b", "code", "200"), 2),
                Metric.ofValue(Labels.of("job", "web", "path", "/é", "code", "200"), 3),
                Metric.ofValue(Labels.of("job", "web", "path", "/é", "code", "200", "zone", "z"), 4));
        Group group = new Group(GroupingKey.of("job", "web"), Map.of("requests", new StoredFamily(
                new MetricFamily("requests", "", MetricType.COUNTER, metrics), Instant.EPOCH)), null, null);

        List<Metric> back = roundTrip(group).families().get("requests").family().metrics();

        assertThat(back).containsExactlyElementsOf(metrics);
        Labels first = back.get(0).labels();
        Labels second = back.get(1).labels();
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.name(i)).isSameAs(first.name(i));
        }
        assertThat(second).isEqualTo(Labels.of("job", "web", "path", "/b", "code", "200"));
        assertThat(second.get("job")).isSameAs(first.get("job"));
        assertThat(second.get("code")).isSameAs(first.get("code"));
        // only ASCII strings are compared byte for byte; others are decoded, and equal all the same
        assertThat(back.get(3).labels().get("path")).isEqualTo("/é").isNotSameAs(back.get(2).labels().get("path"));
    }

    @Test
    void labelsWrittenOutOfOrderOrTwiceAreReadAsTheFormatAlwaysReadThem() throws IOException {
        byte[] bytes = GroupCodec.encode(out -> {
            out.writeInt(4);
            for (String s : new String[] {"b", "1", "a", "2", "c", "3", "a", "4"}) {
                GroupCodec.writeString(out, s);
            }
        });

        assertThat(GroupCodec.readLabels(ByteBuffer.wrap(bytes))).isEqualTo(Labels.of("a", "4", "b", "1", "c", "3"));
    }

    @Test
    void bytesThatEndInsideAStringAreRefusedAsAnEntryThatEndsEarly() {
        byte[] bytes = GroupCodec.encode(out -> GroupCodec.writeString(out, "job"));
        ByteBuffer cut = ByteBuffer.wrap(bytes, 0, bytes.length - 1);

        assertThatThrownBy(() -> GroupCodec.readString(cut))
                .satisfies(e -> assertThat(GroupCodec.reason((Exception) e)).isEqualTo("the entry ends early"));
    }

    private static Group roundTrip(Group group) throws IOException {
        return GroupCodec.readGroup(ByteBuffer.wrap(encoded(group)), GroupCodec.FORMAT);
    }

    private static byte[] encoded(Group group) {
        return GroupCodec.encode(out -> GroupCodec.writeGroup(out, group));
    }
}
