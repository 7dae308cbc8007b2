package stackdriver.pushgateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelOverlayTest {

    @Test
    void givesWhatWithGivesForEverySeriesOfAPush() {
        Labels key = Labels.of("job", "j", "instance", "i");
        LabelOverlay overlay = new LabelOverlay(key);
        for (Labels series : new Labels[] {Labels.of("path", "/a", "code", "200"), Labels.of("path", "/b", "code", "500"),
                Labels.EMPTY, Labels.of("queue", "q1"), Labels.of("job", "body", "x", "1"), Labels.of("path", "/c", "code", "200")}) {
            assertThat(overlay.over(series)).isEqualTo(series.with(key));
        }
    }

    @Test
    void seriesThatAlreadyCarryTheKeyAreKept() {
        Labels series = Labels.of("job", "j", "x", "1");
        assertThat(new LabelOverlay(Labels.of("job", "j")).over(series)).isSameAs(series);
    }

    @Test
    void anEmptyOverrideRemovesTheLabel() {
        LabelOverlay overlay = new LabelOverlay(Labels.of("job", "j").withEmptyIfAbsent("instance"));
        assertThat(overlay.over(Labels.of("instance", "body", "x", "1"))).isEqualTo(Labels.of("job", "j", "x", "1"));
        assertThat(overlay.over(Labels.of("instance", "body"))).isEqualTo(Labels.of("job", "j"));
    }

    @Test
    void equalValuesAreTakenFromTheTemplateEvenAfterASeriesWithout() {
        Labels key = Labels.of("job", "j", "instance", "b");
        Labels template = Labels.of("job", "j", "instance", "a", "path", "/x");
        LabelOverlay overlay = new LabelOverlay(key);
        overlay.over(Labels.of("path", "/w"), null);
        Labels merged = overlay.over(Labels.of("path", new String("/x")), template);
        assertThat(merged).isEqualTo(Labels.of("job", "j", "instance", "b", "path", "/x"));
        assertThat(merged.get("path")).isSameAs(template.get("path"));
    }
}
