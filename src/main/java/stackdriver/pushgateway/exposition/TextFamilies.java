package stackdriver.pushgateway.exposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/**
 * The families of a text 0.0.4 body by name, found as Go's {@code setOrCreateCurrentMF} finds them: a line
 * named {@code x_count} or {@code x_sum} belongs to a summary {@code x}, and {@code x_bucket} too to a
 * histogram {@code x}, when x was typed so before.
 */
final class TextFamilies {
    private final Map<String, FamilyBuilder> byName = new LinkedHashMap<>();
    /** Whether the name last selected is the family's {@code _count} or {@code _sum} line. */
    private boolean isCount;
    private boolean isSum;

    /** The family a line with this name belongs to, created when there is none. */
    FamilyBuilder select(String name) {
        isCount = false;
        isSum = false;
        FamilyBuilder family = byName.get(name);
        if (family != null) {
            return family;
        }
        boolean count = name.length() > 6 && name.endsWith("_count");
        boolean sum = name.length() > 4 && name.endsWith("_sum");
        boolean bucket = name.length() > 7 && name.endsWith("_bucket");
        if (count || sum) {
            FamilyBuilder base = byName.get(name.substring(0, name.length() - (count ? 6 : 4)));
            if (base != null && base.type == MetricType.SUMMARY) {
                isCount = count;
                isSum = sum;
                return base;
            }
        }
        if (count || sum || bucket) {
            FamilyBuilder base = byName.get(name.substring(0, name.length() - (count ? 6 : sum ? 4 : 7)));
            if (base != null && base.isHistogram()) {
                isCount = count;
                isSum = sum;
                return base;
            }
        }
        family = new FamilyBuilder(name);
        byName.put(name, family);
        return family;
    }

    boolean selectedCount() {
        return isCount;
    }

    boolean selectedSum() {
        return isSum;
    }

    /** Families in order of first appearance; families without samples are left out. */
    List<MetricFamily> build() {
        List<MetricFamily> result = new ArrayList<>(byName.size());
        for (FamilyBuilder f : byName.values()) {
            if (!f.isEmpty()) {
                result.add(f.build());
            }
        }
        return result;
    }
}
