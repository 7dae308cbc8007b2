package stackdriver.pushgateway.emulator;

import com.google.api.LabelDescriptor;
import com.google.api.MetricDescriptor;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MetricDescriptor.ValueType;
import com.google.monitoring.v3.TimeSeries;
import com.google.monitoring.v3.TypedValue;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The metric descriptors of one project. A write to an unknown user-defined metric creates its
 * descriptor, as the real API does; later writes must agree with it, and new label keys extend it
 * up to the label limit. Not thread-safe: the owning {@link ProjectStore} serialises access.
 */
final class MetricDescriptorRegistry {
    private static final List<String> WRITABLE_DOMAINS = List.of("custom.googleapis.com/",
            "external.googleapis.com/", "prometheus.googleapis.com/", "workload.googleapis.com/");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,99}");

    private final String projectId;
    private final Map<String, MetricDescriptor> byType = new TreeMap<>();
    private final Map<String, LabelKeys> labelKeysByType = new HashMap<>();

    MetricDescriptorRegistry(String projectId) {
        this.projectId = projectId;
    }

    /** 30 labels for custom metrics (Google's quota page), 100 for Managed Service for Prometheus. */
    static int labelLimit(String metricType) {
        return metricType.startsWith("prometheus.googleapis.com/") ? 100 : 30;
    }

    static boolean isWritable(String metricType) {
        return WRITABLE_DOMAINS.stream().anyMatch(d -> metricType.startsWith(d) && metricType.length() > d.length());
    }

    static ValueType valueTypeOf(TypedValue value) {
        return switch (value.getValueCase()) {
            case BOOL_VALUE -> ValueType.BOOL;
            case INT64_VALUE -> ValueType.INT64;
            case DOUBLE_VALUE -> ValueType.DOUBLE;
            case STRING_VALUE -> ValueType.STRING;
            case DISTRIBUTION_VALUE -> ValueType.DISTRIBUTION;
            default -> ValueType.VALUE_TYPE_UNSPECIFIED;
        };
    }

    Optional<MetricDescriptor> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    List<MetricDescriptor> all() {
        return new ArrayList<>(byType.values());
    }

    boolean delete(String type) {
        return byType.remove(type) != null;
    }

    void put(MetricDescriptor descriptor) {
        if (byType.get(descriptor.getType()) != descriptor) {
            byType.put(descriptor.getType(), descriptor);
        }
    }

    /** The label keys of a stored descriptor, kept with it: every written series is checked against them. */
    private Set<String> labelKeys(MetricDescriptor descriptor) {
        LabelKeys known = labelKeysByType.get(descriptor.getType());
        if (known == null || known.of() != descriptor) {
            Set<String> keys = new LinkedHashSet<>();
            for (LabelDescriptor label : descriptor.getLabelsList()) {
                keys.add(label.getKey());
            }
            known = new LabelKeys(descriptor, keys);
            labelKeysByType.put(descriptor.getType(), known);
        }
        return known.keys();
    }

    private record LabelKeys(MetricDescriptor of, Set<String> keys) {
    }

    /** The descriptor a write of this series needs (existing, extended or new), or why the series disagrees with it. */
    Decision resolve(int i, TimeSeries series) {
        String type = series.getMetric().getType();
        if (!isWritable(type)) {
            return Decision.rejected(SeriesError.field(i, "metric.type", type,
                    "Only user-defined metric types can be written: " + String.join(", ", WRITABLE_DOMAINS)));
        }
        ValueType valueType = valueTypeOf(series.getPoints(0).getValue());
        if (series.getValueType() != ValueType.VALUE_TYPE_UNSPECIFIED && series.getValueType() != valueType) {
            return Decision.rejected(SeriesError.invalid("Value type for metric " + type + " must be "
                    + series.getValueType() + ", but is " + valueType + "."));
        }
        MetricDescriptor existing = byType.get(type);
        if (existing == null) {
            MetricKind kind = series.getMetricKind() == MetricKind.METRIC_KIND_UNSPECIFIED
                    ? MetricKind.GAUGE : series.getMetricKind();
            if (kind == MetricKind.CUMULATIVE && (valueType == ValueType.BOOL || valueType == ValueType.STRING)) {
                return Decision.rejected(SeriesError.field(i, "metric_kind", kind.name(),
                        "A CUMULATIVE metric must have an INT64, DOUBLE or DISTRIBUTION value, not " + valueType + "."));
            }
            MetricDescriptor created = MetricDescriptor.newBuilder()
                    .setName(name(type)).setType(type).setMetricKind(kind).setValueType(valueType)
                    .setDescription("Auto created custom metric.")
                    .addAllLabels(labels(series.getMetric().getLabelsMap().keySet()))
                    .build();
            return withinLabelLimit(created).orElse(Decision.accepted(created));
        }
        MetricKind kind = series.getMetricKind();
        if (kind != MetricKind.METRIC_KIND_UNSPECIFIED && kind != existing.getMetricKind()) {
            return Decision.rejected(SeriesError.invalid("Metric kind for metric " + type + " must be "
                    + existing.getMetricKind() + ", but is " + kind + "."));
        }
        if (valueType != existing.getValueType()) {
            return Decision.rejected(SeriesError.invalid("Value type for metric " + type + " must be "
                    + existing.getValueType() + ", but is " + valueType + "."));
        }
        Map<String, String> labels = series.getMetric().getLabelsMap();
        if (labelKeys(existing).containsAll(labels.keySet())) {
            return Decision.accepted(existing);
        }
        Set<String> keys = new LinkedHashSet<>(labelKeys(existing));
        int before = keys.size();
        keys.addAll(new TreeMap<>(series.getMetric().getLabelsMap()).keySet());
        if (keys.size() == before) {
            return Decision.accepted(existing);
        }
        List<LabelDescriptor> added = labels(keys.stream().skip(before).toList());
        MetricDescriptor extended = existing.toBuilder().addAllLabels(added).build();
        return withinLabelLimit(extended).orElse(Decision.accepted(extended));
    }

    /** CreateMetricDescriptor: checks the descriptor and stores it under its type. */
    MetricDescriptor create(MetricDescriptor descriptor) {
        String type = descriptor.getType();
        if (!isWritable(type)) {
            throw Status.INVALID_ARGUMENT.withDescription("Field metricDescriptor.type had an invalid value of \""
                    + type + "\": only user-defined metric types can be created: " + String.join(", ", WRITABLE_DOMAINS))
                    .asRuntimeException();
        }
        if (descriptor.getMetricKind() == MetricKind.METRIC_KIND_UNSPECIFIED
                || descriptor.getValueType() == ValueType.VALUE_TYPE_UNSPECIFIED) {
            throw Status.INVALID_ARGUMENT.withDescription("The metric descriptor " + type
                    + " must specify a metric kind and a value type.").asRuntimeException();
        }
        if (descriptor.getMetricKind() == MetricKind.DELTA) {
            throw Status.INVALID_ARGUMENT.withDescription("Field metricDescriptor.metricKind had an invalid value of"
                    + " \"DELTA\": The DELTA metric kind is not supported for user-defined metrics.").asRuntimeException();
        }
        for (LabelDescriptor label : descriptor.getLabelsList()) {
            if (!LABEL_KEY.matcher(label.getKey()).matches()) {
                throw Status.INVALID_ARGUMENT.withDescription("Field metricDescriptor.labels had an invalid value of \""
                        + label.getKey() + "\": Label keys must start with a letter and contain only letters, digits"
                        + " and underscores, at most 100 characters.").asRuntimeException();
            }
        }
        if (descriptor.getLabelsCount() > labelLimit(type)) {
            throw Status.INVALID_ARGUMENT.withDescription("The metric descriptor " + type + " has "
                    + descriptor.getLabelsCount() + " labels; at most " + labelLimit(type) + " are allowed.")
                    .asRuntimeException();
        }
        MetricDescriptor existing = byType.get(type);
        if (existing != null && (existing.getMetricKind() != descriptor.getMetricKind()
                || existing.getValueType() != descriptor.getValueType())) {
            throw Status.FAILED_PRECONDITION.withDescription("The metric descriptor " + type
                    + " already exists with another metric kind or value type; delete it first.").asRuntimeException();
        }
        MetricDescriptor stored = descriptor.toBuilder().setName(name(type)).build();
        byType.put(type, stored);
        return stored;
    }

    String name(String type) {
        return "projects/" + projectId + "/metricDescriptors/" + type;
    }

    private static Optional<Decision> withinLabelLimit(MetricDescriptor descriptor) {
        int limit = labelLimit(descriptor.getType());
        if (descriptor.getLabelsCount() > limit) {
            return Optional.of(Decision.rejected(SeriesError.invalid("The new labels would cause the metric "
                    + descriptor.getType() + " to have over " + limit + " labels.")));
        }
        return Optional.empty();
    }

    private static List<LabelDescriptor> labels(java.util.Collection<String> keys) {
        return keys.stream().sorted()
                .map(k -> LabelDescriptor.newBuilder().setKey(k).setValueType(LabelDescriptor.ValueType.STRING).build())
                .toList();
    }

    /** Either the descriptor to store along with the point, or the reason the series is rejected. */
    record Decision(MetricDescriptor descriptor, SeriesError error) {
        static Decision accepted(MetricDescriptor descriptor) {
            return new Decision(descriptor, null);
        }

        static Decision rejected(SeriesError error) {
            return new Decision(null, error);
        }
    }
}
