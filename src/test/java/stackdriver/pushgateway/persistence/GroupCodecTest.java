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
    void emptyGroupWithoutTimesComesBack() throws IOException {
        Group group = Group.empty(GroupingKey.of("job", "j"));

        assertThat(roundTrip(group)).isEqualTo(group);
    }

    @Test
    void aHugeLengthIsRefusedAsCorrupt() {
        byte[] bytes = encoded(Group.empty(GroupingKey.of("job", "j")));
        byte[] damaged = Arrays.copyOf(bytes, bytes.length);
        damaged[0] = 0x7f;

        assertThatThrownBy(() -> GroupCodec.readGroup(new DataInputStream(new ByteArrayInputStream(damaged))))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("invalid length");
    }

    private static Group roundTrip(Group group) throws IOException {
        return GroupCodec.readGroup(new DataInputStream(new ByteArrayInputStream(encoded(group))));
    }

    private static byte[] encoded(Group group) {
        return GroupCodec.encode(out -> GroupCodec.writeGroup(out, group));
    }
}
