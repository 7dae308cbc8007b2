package stackdriver.pushgateway.emulator;

import com.google.api.LabelDescriptor;
import com.google.api.MonitoredResource;
import com.google.api.MonitoredResourceDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitored resource types the emulator accepts, with the label lists Google publishes for them.
 * Every label of a type is required; {@code project_id} is filled from the request when absent. A label present
 * with an empty value is present, as the API has it (GMP writes an absent {@code job} or {@code instance} as "").
 */
final class MonitoredResourceCatalogue {
    private static final String PROJECT_ID = "The identifier of the Google Cloud project associated with this resource.";
    private static final String LOCATION = "The region or zone where the resource runs, or where its data is stored.";

    private final Map<String, MonitoredResourceDescriptor> byType = new LinkedHashMap<>();
    private final Map<String, List<String>> labelKeys = new HashMap<>();

    MonitoredResourceCatalogue() {
        add("global", "Global", "A global resource: use it when no other resource type fits.",
                label("project_id", PROJECT_ID));
        add("generic_node", "Generic Node", "A generic node: a machine, host or device.",
                label("project_id", PROJECT_ID), label("location", LOCATION),
                label("namespace", "A namespace identifier, such as a cluster name."),
                label("node_id", "A unique identifier for the node within its namespace, such as a hostname."));
        add("generic_task", "Generic Task", "A generic task: a process or job within an application.",
                label("project_id", PROJECT_ID), label("location", LOCATION),
                label("namespace", "A namespace identifier, such as a cluster name."),
                label("job", "An identifier for a grouping of related tasks, such as the name of a microservice."),
                label("task_id", "A unique identifier for the task within the namespace and job."));
        add("prometheus_target", "Prometheus Target", "A Prometheus scrape target.",
                label("project_id", PROJECT_ID),
                label("location", "The physical location where the data is stored; never 'global'."),
                label("cluster", "The cluster the target runs in, or '__none__'."),
                label("namespace", "The namespace the target runs in."),
                label("job", "The Prometheus job of the target."),
                label("instance", "The Prometheus instance of the target."));
    }

    List<MonitoredResourceDescriptor> all(String projectId) {
        List<MonitoredResourceDescriptor> named = new ArrayList<>();
        byType.values().forEach(d -> named.add(named(d, projectId)));
        return named;
    }

    Optional<MonitoredResourceDescriptor> find(String projectId, String type) {
        return Optional.ofNullable(byType.get(type)).map(d -> named(d, projectId));
    }

    /** The resource as the API stores it: {@code project_id} taken from the request when the writer left it out. */
    MonitoredResource complete(MonitoredResource resource, String projectId) {
        MonitoredResourceDescriptor descriptor = byType.get(resource.getType());
        if (descriptor == null || resource.getLabelsMap().containsKey("project_id")) {
            return resource;
        }
        return resource.toBuilder().putLabels("project_id", projectId).build();
    }

    /** Checks a completed resource: a known type, only its labels, and all of them (empty values count). */
    Optional<SeriesError> check(int series, MonitoredResource resource) {
        MonitoredResourceDescriptor descriptor = byType.get(resource.getType());
        if (descriptor == null) {
            return Optional.of(SeriesError.field(series, "resource.type", resource.getType(),
                    "Unrecognized resource type."));
        }
        List<String> known = labelKeys.get(resource.getType());
        for (String key : resource.getLabelsMap().keySet()) {
            if (!known.contains(key)) {
                return Optional.of(SeriesError.field(series, "resource.labels", key,
                        "Unrecognized resource label for resource type " + resource.getType() + "."));
            }
        }
        List<String> missing = new ArrayList<>(0);
        for (String key : known) {
            if (!resource.containsLabels(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(SeriesError.invalid(
                    "The set of resource labels is incomplete. Missing labels: (" + String.join(" ", missing) + ")."));
        }
        return Optional.empty();
    }

    private void add(String type, String displayName, String description, LabelDescriptor... labels) {
        byType.put(type, MonitoredResourceDescriptor.newBuilder()
                .setType(type).setDisplayName(displayName).setDescription(description)
                .addAllLabels(List.of(labels)).build());
        labelKeys.put(type, Arrays.stream(labels).map(LabelDescriptor::getKey).toList());
    }

    private static LabelDescriptor label(String key, String description) {
        return LabelDescriptor.newBuilder().setKey(key).setDescription(description).build();
    }

    private static MonitoredResourceDescriptor named(MonitoredResourceDescriptor descriptor, String projectId) {
        return descriptor.toBuilder()
                .setName("projects/" + projectId + "/monitoredResourceDescriptors/" + descriptor.getType()).build();
    }
}
