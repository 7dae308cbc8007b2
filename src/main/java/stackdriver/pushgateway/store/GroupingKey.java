package stackdriver.pushgateway.store;

import stackdriver.pushgateway.model.Labels;

/** The labels that name a group of pushed metrics: {@code job} and any others given in the push path. */
public record GroupingKey(Labels labels) implements Comparable<GroupingKey> {

    public GroupingKey {
        if (labels.get("job") == null) {
            throw new IllegalArgumentException("a grouping key needs a job label");
        }
    }

    public static GroupingKey of(String... namesAndValues) {
        return new GroupingKey(Labels.of(namesAndValues));
    }

    public String job() {
        return labels.get("job");
    }

    @Override
    public int compareTo(GroupingKey other) {
        return labels.compareTo(other.labels);
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
