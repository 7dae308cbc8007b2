package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.MonitoredResource;
import com.google.api.gax.rpc.StatusCode;
import com.google.monitoring.v3.TimeSeries;
import org.junit.jupiter.api.Test;

/** The rules on the monitored resource: a known type, its own labels, all of them. */
class ResourceRulesTest extends EmulatorTestSupport {
    private static final String TYPE = "custom.googleapis.com/runs";

    @Test
    void aCompleteGenericTaskIsAcceptedWithTheProjectIdFilledIn() {
        write(on(genericTask("cron", "0")));

        assertThat(read(TYPE).get(0).getResource().getLabelsMap()).containsEntry("project_id", project.getProject())
                .containsEntry("job", "cron");
    }

    @Test
    void anIncompleteResourceIsRejectedNamingTheMissingLabels() {
        MonitoredResource incomplete = genericTask("cron", "0").toBuilder().removeLabels("namespace").removeLabels("task_id").build();

        Rejection rejection = rejected(on(incomplete));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).isEqualTo("One or more TimeSeries could not be written: The set of resource"
                + " labels is incomplete. Missing labels: (namespace task_id).: timeSeries[0]");
    }

    @Test
    void anEmptyResourceLabelIsPresentAndAccepted() {
        write(on(genericTask("", "0")));

        assertThat(read(TYPE).get(0).getResource().getLabelsMap()).containsEntry("job", "");
    }

    @Test
    void aPrometheusTargetWithAnEmptyJobAndInstanceIsAcceptedAsGmpWritesIt() {
        MonitoredResource target = MonitoredResource.newBuilder().setType("prometheus_target")
                .putLabels("location", "europe-west1").putLabels("cluster", "").putLabels("namespace", "")
                .putLabels("job", "").putLabels("instance", "").build();

        write(on(target));

        assertThat(read(TYPE).get(0).getResource().getLabelsMap()).containsEntry("job", "").containsEntry("instance", "");
    }

    @Test
    void anUnknownResourceTypeIsRejected() {
        Rejection rejection = rejected(on(MonitoredResource.newBuilder().setType("my_thing").build()));

        assertThat(rejection.message()).contains("Field timeSeries[0].resource.type had an invalid value of \"my_thing\"");
    }

    @Test
    void aLabelTheResourceTypeDoesNotHaveIsRejected() {
        Rejection rejection = rejected(on(MonitoredResource.newBuilder().setType("global").putLabels("zone", "z").build()));

        assertThat(rejection.message()).contains("Field timeSeries[0].resource.labels had an invalid value of \"zone\"");
    }

    @Test
    void aPrometheusTargetNeedsAllSixLabels() {
        MonitoredResource target = MonitoredResource.newBuilder().setType("prometheus_target")
                .putLabels("location", "europe-west1").putLabels("namespace", "n").putLabels("job", "j").build();

        assertThat(rejected(on(target)).message()).contains("Missing labels: (cluster instance).");
        write(on(target.toBuilder().putLabels("cluster", "c").putLabels("instance", "i").build()));
    }

    @Test
    void aGenericNodeIsAccepted() {
        write(on(MonitoredResource.newBuilder().setType("generic_node").putLabels("location", "l")
                .putLabels("namespace", "n").putLabels("node_id", "host1").build()));

        assertThat(read(TYPE)).hasSize(1);
    }

    private static TimeSeries on(MonitoredResource resource) {
        return gauge(TYPE, 1, NOW).toBuilder().setResource(resource).build();
    }
}
