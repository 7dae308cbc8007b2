package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
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
    void emptyGroupWithoutTimesComesBack() throws IOException {
        Group group = Group.empty(GroupingKey.of("job", "j"));

        assertThat(roundTrip(group)).isEqualTo(group);
    }

    @Test
    void aHugeLengthIsRefusedAsCorrupt() {
        byte[] bytes = encoded(Group.empty(GroupingKey.of("job", "j")));
        byte[] damaged = Arrays.copyOf(bytes, bytes.length);
        damaged[0] = 0x7f;

        assertThatThrownBy(() -> GroupCodec.readGroup(new DataInputStream(new ByteArrayInputStream(damaged)), GroupCodec.FORMAT))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("invalid length");
    }

    private static Group roundTrip(Group group) throws IOException {
        return GroupCodec.readGroup(new DataInputStream(new ByteArrayInputStream(encoded(group))), GroupCodec.FORMAT);
    }

    private static byte[] encoded(Group group) {
        return GroupCodec.encode(out -> GroupCodec.writeGroup(out, group));
    }
}
