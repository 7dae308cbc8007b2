package stackdriver.pushgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.store.GroupingKey;

class GroupingKeyPathTest {

    private final GroupingKeyPath path = new GroupingKeyPath("pushgateway");

    @Test
    void readsJobAndLabels() {
        assertThat(path.parse("/job/j/instance/i/a/b")).isEqualTo(GroupingKey.of("job", "j", "instance", "i", "a", "b"));
    }

    @Test
    void decodesBase64ValuesWithOrWithoutPadding() {
        assertThat(path.parse("/job@base64/YWJj/path@base64/L3Zhci90bXA")).isEqualTo(GroupingKey.of("job", "abc", "path", "/var/tmp"));
        assertThat(path.parse("/job/j/a@base64/YQ==")).isEqualTo(GroupingKey.of("job", "j", "a", "a"));
    }

    @Test
    void base64EqualsSignIsTheEmptyValue() {
        assertThat(path.parse("/job/j/instance@base64/=")).isEqualTo(GroupingKey.of("job", "j"));
    }

    @Test
    void emptyBase64JobIsRejected() {
        assertThatThrownBy(() -> path.parse("/job@base64/=")).hasMessage("job name is required");
    }

    @Test
    void badBase64IsA400WithTheLabel() {
        assertThatThrownBy(() -> path.parse("/job@base64/amM+Pg=="))
                .isInstanceOfSatisfying(PushRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("invalid base64 encoding for label job=\"amM+Pg==\"");
    }

    @Test
    void oddComponentsAreRejected() {
        assertThatThrownBy(() -> path.parse("/job/j/instance")).hasMessage("odd number of components in label string \"/instance\"");
    }

    @Test
    void improperLabelNamesAreRejected() {
        for (String name : new String[] {"1abc", "a-b", "__name__", "__x"}) {
            assertThatThrownBy(() -> path.parse("/job/j/" + name + "/v")).hasMessage("improper label name \"" + name + "\"");
        }
    }

    @Test
    void laterLabelWinsAndJobInPathNeverOverridesTheUrlJob() {
        assertThat(path.parse("/job/x/a/1/a/2/job/zz")).isEqualTo(GroupingKey.of("job", "x", "a", "2"));
    }

    @Test
    void pathWithoutJobSegmentGetsTheDefaultJob() {
        assertThat(path.parse("/instance/i")).isEqualTo(GroupingKey.of("job", "pushgateway", "instance", "i"));
    }

    @Test
    void pathWithoutGroupingKeyIsNotFound() {
        assertThatThrownBy(() -> path.parse("/")).isInstanceOfSatisfying(PushRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> path.parse("/job")).isInstanceOfSatisfying(PushRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }
}
