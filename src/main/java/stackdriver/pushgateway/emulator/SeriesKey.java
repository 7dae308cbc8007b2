package stackdriver.pushgateway.emulator;

import com.google.api.Metric;
import com.google.api.MonitoredResource;
import java.util.Arrays;
import java.util.Map;

/**
 * What makes two TimeSeries the same series: metric type and labels, resource type and labels, as one canonical
 * text (labels sorted by key), which is also the stable order for listing and paging. Only the text is kept:
 * one per stored series, where the label maps it was made from, with the views a map keeps once asked for its
 * keys, took several times its memory (and every series the embedded emulator stores is in the gateway's heap).
 */
final class SeriesKey implements Comparable<SeriesKey> {
    private static final char LABEL = '\u0000';
    private static final char RESOURCE = '\u0001';

    private final String text;

    private SeriesKey(String text) {
        this.text = text;
    }

    static SeriesKey of(Metric metric, MonitoredResource resource) {
        StringBuilder text = new StringBuilder(160).append(metric.getType());
        appendSorted(text, metric.getLabelsMap());
        text.append(RESOURCE).append(resource.getType());
        appendSorted(text, resource.getLabelsMap());
        return new SeriesKey(text.toString());
    }

    /** Reads the map with forEach: asking a map for its key set makes it keep a view of them. */
    private static void appendSorted(StringBuilder text, Map<String, String> labels) {
        String[] keys = new String[labels.size()];
        int[] next = {0};
        labels.forEach((key, value) -> keys[next[0]++] = key);
        Arrays.sort(keys);
        for (String key : keys) {
            text.append(LABEL).append(key).append('=').append(labels.get(key));
        }
    }

    String metricType() {
        int end = 0;
        while (end < text.length() && text.charAt(end) != LABEL && text.charAt(end) != RESOURCE) {
            end++;
        }
        return text.substring(0, end);
    }

    @Override
    public int compareTo(SeriesKey other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
