package stackdriver.pushgateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsOfDistinctNamesTest {

    @Test
    void sortsByNameAndDropsEmptyValuesLikeOf() {
        Labels labels = Labels.ofDistinctNames(new String[] {"z", "a", "m", "e"}, new String[] {"1", "2", "", "4"});
        assertThat(labels).isEqualTo(Labels.of("a", "2", "e", "4", "z", "1"));
        assertThat(labels.name(0)).isEqualTo("a");
    }

    @Test
    void allEmptyIsEmpty() {
        assertThat(Labels.ofDistinctNames(new String[] {"a"}, new String[] {""})).isSameAs(Labels.EMPTY);
    }
}
