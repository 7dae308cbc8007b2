package stackdriver.pushgateway.exposition;

import java.util.Arrays;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;

/** Collects the samples of one series that a format spreads over several lines (histograms, summaries, _created). */
final class SeriesBuilder {
    final Labels labels;
    double value = Double.NaN;
    double count;
    double sum;
    long timestampMillis = Metric.NO_TIMESTAMP;
    double createdSeconds = Double.NaN;
    private double[] bounds = new double[8];
    private double[] boundValues = new double[8];
    private int size;

    SeriesBuilder(Labels labels, double count, double sum) {
        this.labels = labels;
        this.count = count;
        this.sum = sum;
    }

    /** A histogram bucket or a summary quantile. */
    void add(double bound, double boundValue) {
        if (size == bounds.length) {
            bounds = Arrays.copyOf(bounds, size * 2);
            boundValues = Arrays.copyOf(boundValues, size * 2);
        }
        bounds[size] = bound;
        boundValues[size] = boundValue;
        size++;
    }

    boolean hasBound(double bound) {
        for (int i = 0; i < size; i++) {
            if (bounds[i] == bound) {
                return true;
            }
        }
        return false;
    }

    /** The value at {@code bound}, or NaN. */
    double valueAt(double bound) {
        for (int i = 0; i < size; i++) {
            if (bounds[i] == bound) {
                return boundValues[i];
            }
        }
        return Double.NaN;
    }

    /** True when the values never decrease as the bound grows (histogram buckets are cumulative). */
    boolean isCumulative() {
        sortByBound();
        for (int i = 1; i < size; i++) {
            if (boundValues[i] < boundValues[i - 1]) {
                return false;
            }
        }
        return true;
    }

    Metric toValue() {
        return finish(Metric.ofValue(labels, value));
    }

    Metric toHistogram() {
        sortByBound();
        return finish(Metric.ofHistogram(labels, count, sum, Arrays.copyOf(bounds, size), Arrays.copyOf(boundValues, size)));
    }

    Metric toSummary() {
        sortByBound();
        return finish(Metric.ofSummary(labels, count, sum, Arrays.copyOf(bounds, size), Arrays.copyOf(boundValues, size)));
    }

    private Metric finish(Metric metric) {
        Metric m = timestampMillis == Metric.NO_TIMESTAMP ? metric : metric.withTimestamp(timestampMillis);
        return Double.isNaN(createdSeconds) ? m : m.withCreated(createdSeconds);
    }

    /** Stable insertion sort: bounds nearly always arrive in order already. */
    private void sortByBound() {
        for (int i = 1; i < size; i++) {
            double bound = bounds[i];
            double boundValue = boundValues[i];
            int j = i - 1;
            while (j >= 0 && Double.compare(bounds[j], bound) > 0) {
                bounds[j + 1] = bounds[j];
                boundValues[j + 1] = boundValues[j];
                j--;
            }
            bounds[j + 1] = bound;
            boundValues[j + 1] = boundValue;
        }
    }
}
