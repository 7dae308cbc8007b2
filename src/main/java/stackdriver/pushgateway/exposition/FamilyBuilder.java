package stackdriver.pushgateway.exposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/** One family while a body is read: its HELP, TYPE and UNIT once seen, and its series in order of appearance. */
final class FamilyBuilder {
    final String name;
    /** null until a HELP line is read. */
    String help;
    /** null until a TYPE line or a sample fixes it. */
    MetricType type;
    String unit = "";
    private final List<Metric> values = new ArrayList<>();
    private final Map<Labels, SeriesBuilder> series = new LinkedHashMap<>();
    /**
     * The label names and values of the previous sample, by position: the next sample of a family nearly
     * always repeats the names and often some values ({@code code="200"}), which then share one String
     * instead of each keeping a copy.
     */
    private String[] previousLabelStrings = new String[8];
    /** The previous sample's label set, whose names array the next one shares when it has the same names. */
    Labels previousLabels;

    FamilyBuilder(String name) {
        this.name = name;
    }

    /** The previous sample's label name (part 0) or value (part 1) at this position, or null. */
    String previousLabel(int position, int part) {
        int i = 2 * position + part;
        return i < previousLabelStrings.length ? previousLabelStrings[i] : null;
    }

    void rememberLabel(int position, String name, String value) {
        if (2 * position + 1 >= previousLabelStrings.length) {
            previousLabelStrings = java.util.Arrays.copyOf(previousLabelStrings, previousLabelStrings.length * 2);
        }
        previousLabelStrings[2 * position] = name;
        previousLabelStrings[2 * position + 1] = value;
    }

    boolean isHistogram() {
        return type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM;
    }

    /** A counter, gauge or untyped sample; a repeated label set is kept (the store reports duplicates). */
    void addValue(Metric metric) {
        values.add(metric);
    }

    /** The series with these labels, created with the given count and sum when new. */
    SeriesBuilder series(Labels labels, double initialCount, double initialSum) {
        SeriesBuilder s = series.get(labels);
        if (s == null) {
            s = new SeriesBuilder(labels, initialCount, initialSum);
            series.put(labels, s);
        }
        return s;
    }

    Iterable<SeriesBuilder> allSeries() {
        return series.values();
    }

    boolean isEmpty() {
        return values.isEmpty() && series.isEmpty();
    }

    MetricFamily build() {
        MetricType t = type == null ? MetricType.UNTYPED : type;
        List<Metric> metrics = new ArrayList<>(values.size() + series.size());
        metrics.addAll(values);
        for (SeriesBuilder s : series.values()) {
            metrics.add(switch (t) {
                case HISTOGRAM, GAUGE_HISTOGRAM -> s.toHistogram();
                case SUMMARY -> s.toSummary();
                default -> s.toValue();
            });
        }
        return new MetricFamily(name, help == null ? "" : help, t, unit, metrics);
    }
}
