package stackdriver.pushgateway.export;

import com.google.api.LabelDescriptor;
import com.google.api.MetricDescriptor;
import com.google.api.MetricDescriptor.ValueType;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ProjectName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In {@code custom} naming, creates each metric's descriptor before its first point, so that Cloud Monitoring
 * shows the family's HELP as description and its unit (a written point would create a bare descriptor).
 */
public final class CustomDescriptors {
    private static final Logger LOG = LoggerFactory.getLogger(CustomDescriptors.class);

    private final MetricServiceClient client;
    private final ProjectName project;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    public CustomDescriptors(MetricServiceClient client, ProjectName project) {
        this.client = client;
        this.project = project;
    }

    /** Creates the descriptors of the types not created yet; a failure is logged and the write goes ahead. */
    public void ensure(List<ExportedSeries> series) {
        Map<String, MetricDescriptor.Builder> missing = new LinkedHashMap<>();
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        for (ExportedSeries one : series) {
            String type = one.id().type();
            if (created.contains(type)) {
                continue;
            }
            missing.computeIfAbsent(type, t -> MetricDescriptor.newBuilder()
                    .setType(t)
                    .setMetricKind(one.kind())
                    .setValueType(one.value().hasDistributionValue() ? ValueType.DISTRIBUTION : ValueType.DOUBLE)
                    .setDisplayName(t.substring(t.lastIndexOf('/') + 1))
                    .setDescription(one.help())
                    .setUnit(t.endsWith("_count") ? "1" : MetricUnits.of(one.unit(), one.family())));
            labels.computeIfAbsent(type, t -> new TreeSet<>()).addAll(one.id().metric().getLabelsMap().keySet());
        }
        missing.forEach((type, descriptor) -> {
            labels.get(type).forEach(key -> descriptor.addLabels(
                    LabelDescriptor.newBuilder().setKey(key).setValueType(LabelDescriptor.ValueType.STRING)));
            try {
                client.createMetricDescriptor(project, descriptor.build());
                created.add(type);
            } catch (ApiException e) {
                LOG.warn("Could not create the metric descriptor {}: {}", type, e.getMessage());
                if (!e.isRetryable()) {
                    created.add(type);
                }
            }
        });
    }
}
