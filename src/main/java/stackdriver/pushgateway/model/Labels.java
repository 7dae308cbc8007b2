package stackdriver.pushgateway.model;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable label set sorted by name. Empty values are dropped: in the Prometheus data model an
 * empty label value is the same as an absent label.
 */
public final class Labels implements Comparable<Labels> {
    public static final Labels EMPTY = new Labels(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private final int hash;

    private Labels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    /** Builds a label set; a later value for the same name wins, empty values are dropped. */
    public static Labels of(Map<String, String> labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        labels.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                sorted.remove(name);
            } else {
                sorted.put(name, value);
            }
        });
        if (sorted.isEmpty()) {
            return EMPTY;
        }
        return new Labels(sorted.keySet().toArray(new String[0]), sorted.values().toArray(new String[0]));
    }

    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(map);
    }

    /**
     * Builds a label set from names known to be distinct, in any order; empty values are dropped. For parsers,
     * which would otherwise build a map per sample. The arrays are taken over, not copied.
     */
    public static Labels ofDistinctNames(String[] names, String[] values) {
        return ofDistinctNames(names, values, null);
    }

    /**
     * {@link #ofDistinctNames(String[], String[])}, sharing the names array of {@code previous} (may be null)
     * when the names are the same: the series of a family nearly always have the same label names.
     */
    public static Labels ofDistinctNames(String[] names, String[] values, Labels previous) {
        int n = 0;
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null && !values[i].isEmpty()) {
                String name = names[i];
                String value = values[i];
                int j = n - 1;
                while (j >= 0 && names[j].compareTo(name) > 0) {
                    names[j + 1] = names[j];
                    values[j + 1] = values[j];
                    j--;
                }
                names[j + 1] = name;
                values[j + 1] = value;
                n++;
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        String[] keptValues = n == values.length ? values : Arrays.copyOf(values, n);
        if (previous != null && previous.hasNames(names, n)) {
            return new Labels(previous.names, keptValues);
        }
        return new Labels(n == names.length ? names : Arrays.copyOf(names, n), keptValues);
    }

    /**
     * These names with other values, one per name in the same order, sharing this set's names: for decoders, whose
     * series nearly always have the names of the one before. The array is taken over, not copied; empty values are
     * dropped.
     */
    public Labels withValues(String[] newValues) {
        if (newValues.length != names.length) {
            throw new IllegalArgumentException(newValues.length + " values for " + names.length + " names");
        }
        for (String value : newValues) {
            if (value == null || value.isEmpty()) {
                return ofDistinctNames(names.clone(), newValues);
            }
        }
        return new Labels(names, newValues);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value of a label, or null when absent. */
    public String get(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? values[i] : null;
    }

    /** These labels with {@code overrides} put over them (an empty override value removes the label). */
    public Labels with(Labels overrides) {
        if (overrides.size() == 0) {
            return this;
        }
        String[] mergedNames = new String[names.length + overrides.names.length];
        String[] mergedValues = new String[mergedNames.length];
        int n = merge(overrides, mergedNames, mergedValues);
        if (n == 0) {
            return EMPTY;
        }
        if (isSame(mergedNames, mergedValues, n)) {
            return this;
        }
        return new Labels(Arrays.copyOf(mergedNames, n), Arrays.copyOf(mergedValues, n));
    }

    /**
     * Merges these labels and {@code overrides} (both sorted by name: one pass, no maps) into the arrays,
     * which must have room for both; returns how many labels the result has.
     */
    int merge(Labels overrides, String[] mergedNames, String[] mergedValues) {
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < names.length || j < overrides.names.length) {
            int c = i == names.length ? 1 : j == overrides.names.length ? -1 : names[i].compareTo(overrides.names[j]);
            if (c < 0) {
                mergedNames[n] = names[i];
                mergedValues[n++] = values[i++];
            } else {
                if (!overrides.values[j].isEmpty()) { // an empty override removes the label
                    mergedNames[n] = overrides.names[j];
                    mergedValues[n++] = overrides.values[j];
                }
                j++;
                if (c == 0) {
                    i++;
                }
            }
        }
        return n;
    }

    /** True when the first n of these names and values are exactly these labels. */
    boolean isSame(String[] otherNames, String[] otherValues, int n) {
        return n == names.length && Arrays.equals(names, 0, n, otherNames, 0, n)
                && Arrays.equals(values, 0, n, otherValues, 0, n);
    }

    /** True when these are exactly the first n names. */
    boolean hasNames(String[] otherNames, int n) {
        return n == names.length && Arrays.equals(names, 0, n, otherNames, 0, n);
    }

    String[] names() {
        return names;
    }

    /** Labels from arrays the caller hands over; the names may be shared with other label sets, never changed. */
    static Labels sharing(String[] names, String[] values) {
        return new Labels(names, values);
    }

    /**
     * These labels with {@code name=""} added when the label is absent. Only for exposition: the
     * Pushgateway shows {@code instance=""} on groups pushed without an instance.
     */
    public Labels withEmptyIfAbsent(String name) {
        int i = Arrays.binarySearch(names, name);
        if (i >= 0) {
            return this;
        }
        int at = -i - 1;
        String[] newNames = new String[names.length + 1];
        String[] newValues = new String[values.length + 1];
        System.arraycopy(names, 0, newNames, 0, at);
        System.arraycopy(values, 0, newValues, 0, at);
        newNames[at] = name;
        newValues[at] = "";
        System.arraycopy(names, at, newNames, at + 1, names.length - at);
        System.arraycopy(values, at, newValues, at + 1, values.length - at);
        return new Labels(newNames, newValues);
    }

    /** These labels without the named one. */
    public Labels without(String name) {
        if (get(name) == null) {
            return this;
        }
        TreeMap<String, String> map = toMap();
        map.remove(name);
        return of(map);
    }

    public TreeMap<String, String> toMap() {
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && hash == other.hash
                && Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Labels other) {
        int n = Math.min(names.length, other.names.length);
        for (int i = 0; i < n; i++) {
            int c = names[i].compareTo(other.names[i]);
            if (c != 0) {
                return c;
            }
            c = values[i].compareTo(other.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(names.length, other.names.length);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(names[i]).append("=\"").append(values[i]).append('"');
        }
        return sb.append('}').toString();
    }
}
