package stackdriver.pushgateway.model;

import java.util.Arrays;

/**
 * One label set put over many others, as a push's grouping key over each of its series: the same as
 * {@link Labels#with}, but the series of a family nearly always have the same label names, so consecutive
 * results share one names array instead of each holding a copy (a stored series then keeps only its values).
 * Not thread-safe: one per push.
 */
public final class LabelOverlay {
    private final Labels overrides;
    private String[] names = new String[8];
    private String[] values = new String[8];
    private String[] lastNames;

    public LabelOverlay(Labels overrides) {
        this.overrides = overrides;
    }

    /** {@code base.with(overrides)}. */
    public Labels over(Labels base) {
        return over(base, null);
    }

    /**
     * {@code base.with(overrides)}, reusing the names array and the value Strings of {@code template} (may be
     * null) where they are equal: a series stored earlier, typically the same series of the same job pushed
     * by another instance, so that its strings are kept once for all groups.
     */
    public Labels over(Labels base, Labels template) {
        if (overrides.size() == 0) {
            return base;
        }
        int most = base.size() + overrides.size();
        if (names.length < most) {
            names = new String[most];
            values = new String[most];
        }
        int n = base.merge(overrides, names, values);
        if (n == 0) {
            return Labels.EMPTY;
        }
        if (base.isSame(names, values, n)) {
            return base;
        }
        if (template != null && template.hasNames(names, n)) {
            lastNames = template.names();
        } else if (lastNames == null || !Arrays.equals(lastNames, 0, lastNames.length, names, 0, n)) {
            lastNames = Arrays.copyOf(names, n);
        }
        String[] kept = Arrays.copyOf(values, n);
        if (template != null && template.names() == lastNames) {
            for (int i = 0; i < n; i++) {
                String shared = template.value(i);
                if (shared != kept[i] && shared.equals(kept[i])) {
                    kept[i] = shared;
                }
            }
        }
        return Labels.sharing(lastNames, kept);
    }
}
