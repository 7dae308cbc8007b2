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
}
