package stackdriver.pushgateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void overridesAreMergedInNameOrder() {
        Labels merged = Labels.of("path", "/a", "code", "200").with(Labels.of("job", "j", "instance", "i"));
        assertThat(merged).isEqualTo(Labels.of("code", "200", "instance", "i", "job", "j", "path", "/a"));
        assertThat(merged.toString()).isEqualTo("{code=\"200\",instance=\"i\",job=\"j\",path=\"/a\"}");
    }

    @Test
    void anOverrideReplacesTheSameName() {
        assertThat(Labels.of("job", "body", "x", "1").with(Labels.of("job", "key")))
                .isEqualTo(Labels.of("job", "key", "x", "1"));
    }

    @Test
    void anEmptyOverrideRemovesTheLabel() {
        Labels overrides = Labels.EMPTY.withEmptyIfAbsent("instance");
        assertThat(Labels.of("instance", "body", "x", "1").with(overrides)).isEqualTo(Labels.of("x", "1"));
        assertThat(Labels.of("instance", "body").with(overrides)).isSameAs(Labels.EMPTY);
    }

    @Test
    void otherValuesKeepTheNamesAndShareThem() {
        Labels labels = Labels.of("code", "200", "path", "/a");

        Labels other = labels.withValues(new String[] {"500", "/b"});

        assertThat(other).isEqualTo(Labels.of("code", "500", "path", "/b"));
        assertThat(other.names()).isSameAs(labels.names());
    }

    @Test
    void anEmptyOtherValueDropsItsLabelAndLeavesTheSharedNamesAsTheyWere() {
        Labels labels = Labels.of("code", "200", "path", "/a");

        assertThat(labels.withValues(new String[] {"", "/b"})).isEqualTo(Labels.of("path", "/b"));
        assertThat(labels).isEqualTo(Labels.of("code", "200", "path", "/a"));
    }

    @Test
    void otherValuesMustBeOnePerName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Labels.of("code", "200").withValues(new String[] {"1", "2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 values for 1 names");
    }
}
