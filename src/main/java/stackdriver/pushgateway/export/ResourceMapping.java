package stackdriver.pushgateway.export;

import com.google.api.MonitoredResource;
import java.util.Objects;
import stackdriver.pushgateway.model.Labels;

/** Which of a series' labels become the monitored resource, and which stay metric labels. */
public interface ResourceMapping {
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

    /**
     * {@code prometheus_target} and {@code generic_task}: the job and instance move to the resource. An absent one
     * is written as "", as GMP writes it: an empty value is a value in Cloud Monitoring, so that
     * {@code my_metric{instance=""}} selects the series there as it does in Prometheus.
     */
    final class JobAndInstance implements ResourceMapping {
        private final MonitoredResource base;
        private final String instanceKey;
        /** The last resource built: the series of a group all have the group's job and instance. */
        private volatile Built last;

        private record Built(String job, String instance, MonitoredResource resource) {
        }

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
            String job = labels.get("job");
            String instance = labels.get("instance");
            Built built = last;
            if (built != null && Objects.equals(job, built.job()) && Objects.equals(instance, built.instance())) {
                return built.resource();
            }
            MonitoredResource resource = base.toBuilder()
                    .putLabels("job", job == null ? "" : LabelSanitizer.value(job))
                    .putLabels(instanceKey, instance == null ? "" : LabelSanitizer.value(instance))
                    .build();
            last = new Built(job, instance, resource);
            return resource;
        }

        @Override
        public Labels metricLabels(Labels labels) {
            return labels.without("job").without("instance");
        }
    }
}
