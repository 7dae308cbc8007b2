package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.MetricDescriptor;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MetricDescriptor.ValueType;
import com.google.api.MonitoredResourceDescriptor;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.monitoring.v3.ListMetricDescriptorsRequest;
import com.google.monitoring.v3.MetricDescriptorName;
import com.google.monitoring.v3.MonitoredResourceDescriptorName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metric descriptors (create, get, list, delete) and the monitored resource descriptors. */
class DescriptorsTest extends EmulatorTestSupport {
    private static final String TYPE = "custom.googleapis.com/backlog";

    @Test
    void aCreatedDescriptorIsReadBackListedAndDeleted() {
        MetricDescriptor created = client.createMetricDescriptor(project, MetricDescriptor.newBuilder().setType(TYPE)
                .setMetricKind(MetricKind.GAUGE).setValueType(ValueType.INT64).setDescription("Jobs waiting").build());
        MetricDescriptorName name = MetricDescriptorName.of(project.getProject(), TYPE);

        assertThat(created.getName()).isEqualTo(name.toString());
        assertThat(client.getMetricDescriptor(name).getDescription()).isEqualTo("Jobs waiting");
        assertThat(listDescriptors("")).extracting(MetricDescriptor::getType).containsExactly(TYPE);

        client.deleteMetricDescriptor(name);

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.getMetricDescriptor(name));
        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
        assertThat(e.getMessage()).contains("Could not find descriptor for metric '" + TYPE + "'.");
    }

    @Test
    void deletingADescriptorDeletesItsData() {
        write(gauge(TYPE, 1, NOW));

        client.deleteMetricDescriptor(MetricDescriptorName.of(project.getProject(), TYPE));

        assertThat(read(TYPE)).isEmpty();
        write(cumulative(TYPE, 1, NOW.minusSeconds(60), NOW.plusSeconds(60)));
    }

    @Test
    void descriptorsAreListedByMetricTypePrefix() {
        write(gauge("custom.googleapis.com/a/one", 1, NOW), gauge("custom.googleapis.com/b/two", 1, NOW));

        assertThat(listDescriptors("metric.type = starts_with(\"custom.googleapis.com/a/\")"))
                .extracting(MetricDescriptor::getType).containsExactly("custom.googleapis.com/a/one");
    }

    @Test
    void aDescriptorWithoutKindIsRejected() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> client.createMetricDescriptor(project,
                MetricDescriptor.newBuilder().setType(TYPE).setValueType(ValueType.DOUBLE).build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
    }

    @Test
    void aDeltaDescriptorForAUserDefinedMetricIsRejected() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> client.createMetricDescriptor(project,
                MetricDescriptor.newBuilder().setType(TYPE).setMetricKind(MetricKind.DELTA)
                        .setValueType(ValueType.DOUBLE).build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
    }

    @Test
    void theFourResourceTypesAreListedWithTheirLabels() {
        List<MonitoredResourceDescriptor> listed = new ArrayList<>();
        client.listMonitoredResourceDescriptors(project).iterateAll().forEach(listed::add);

        assertThat(listed).extracting(MonitoredResourceDescriptor::getType)
                .containsExactly("global", "generic_node", "generic_task", "prometheus_target");
        MonitoredResourceDescriptor target = client.getMonitoredResourceDescriptor(
                MonitoredResourceDescriptorName.of(project.getProject(), "prometheus_target"));
        assertThat(target.getLabelsList()).extracting(l -> l.getKey())
                .containsExactly("project_id", "location", "cluster", "namespace", "job", "instance");
    }

    @Test
    void anUnknownResourceDescriptorIsNotFound() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> client.getMonitoredResourceDescriptor(
                MonitoredResourceDescriptorName.of(project.getProject(), "gce_instance")));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
    }

    private List<MetricDescriptor> listDescriptors(String filter) {
        List<MetricDescriptor> found = new ArrayList<>();
        client.listMetricDescriptors(ListMetricDescriptorsRequest.newBuilder().setName(project.toString())
                .setFilter(filter).build()).iterateAll().forEach(found::add);
        return found;
    }
}
