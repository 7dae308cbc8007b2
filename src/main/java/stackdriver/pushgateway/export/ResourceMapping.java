package stackdriver.pushgateway.export;

import com.google.api.MonitoredResource;
import stackdriver.pushgateway.model.Labels;

/** Which of a series' labels become the monitored resource, and which stay metric labels. */
public interface ResourceMapping {
    /** Value written for a required resource label the series does not have (a push without {@code instance}). */
    String NONE = "__none__";

    /** The resource of a series with these labels (grouping key included). */
    MonitoredResource resource(Labels labels);

    /** The labels that stay metric labels. */
    Labels metricLabels(Labels labels);

    static ResourceMapping of(ExportSettings settings) {
        if (settings.naming() == NamingMode.PROMETHEUS) {
            return new JobAndInstance("prometheus_target", settings, "instance");
        }
        if (settings.customResource().equals("generic_task")) {
            return new JobAndInstance("generic_task", settings, "task_id");
        }
        MonitoredResource global = MonitoredResource.newBuilder().setType("global")
                .putLabels("project_id", settings.projectId()).build();
        return new ResourceMapping() {
            @Override
            public MonitoredResource resource(Labels labels) {
                return global;
            }

            @Override
            public Labels metricLabels(Labels labels) {
                return labels;
            }
        };
    }

    /** {@code prometheus_target} and {@code generic_task}: the job and instance move to the resource. */
    final class JobAndInstance implements ResourceMapping {
        private final MonitoredResource base;
        private final String instanceKey;

        JobAndInstance(String type, ExportSettings settings, String instanceKey) {
            MonitoredResource.Builder builder = MonitoredResource.newBuilder().setType(type)
                    .putLabels("project_id", settings.projectId())
                    .putLabels("location", settings.location())
                    .putLabels("namespace", settings.namespace());
            if (type.equals("prometheus_target")) {
                builder.putLabels("cluster", settings.cluster());
            }
            this.base = builder.build();
            this.instanceKey = instanceKey;
        }

        @Override
        public MonitoredResource resource(Labels labels) {
            String instance = labels.get("instance");
            return base.toBuilder()
                    .putLabels("job", LabelSanitizer.value(labels.get("job")))
                    .putLabels(instanceKey, instance == null ? NONE : LabelSanitizer.value(instance))
                    .build();
        }

        @Override
        public Labels metricLabels(Labels labels) {
            return labels.without("job").without("instance");
        }
    }
}
