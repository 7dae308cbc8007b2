package stackdriver.pushgateway.exposition;

import stackdriver.pushgateway.model.Labels;

/** The labels of the sample being read, in the order written; one instance serves every line of a body. */
final class SampleLabels {
    private String[] names = new String[8];
    private String[] values = new String[8];
    private int size;

    void clear() {
        size = 0;
    }

    boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    void add(String name, String value) {
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }

    /** The value of the label with this name, or null. */
    String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    /**
     * The labels without the one named {@code without} (may be null), sharing the names array of the
     * family's previous series when the names are the same.
     */
    Labels toLabels(FamilyBuilder family, String without) {
        int skipped = without == null ? -1 : indexOf(without);
        int n = skipped < 0 ? size : size - 1;
        if (n == 0) {
            return Labels.EMPTY;
        }
        // Labels keeps the arrays it is given, so each series gets its own.
        String[] keptNames = new String[n];
        String[] keptValues = new String[n];
        for (int i = 0, k = 0; i < size; i++) {
            if (i != skipped) {
                keptNames[k] = names[i];
                keptValues[k++] = values[i];
            }
        }
        family.previousLabels = Labels.ofDistinctNames(keptNames, keptValues, family.previousLabels);
        return family.previousLabels;
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
