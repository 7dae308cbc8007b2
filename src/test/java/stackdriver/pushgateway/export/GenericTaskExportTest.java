package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.monitoring.v3.TimeSeries;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gateway.naming=custom} with {@code gateway.custom.resource=generic_task}: job and instance name the task. */
class GenericTaskExportTest extends ExportTestSupport {

    @Override
    String[] settings() {
        return new String[] {"gateway.naming", "custom", "gateway.custom.resource", "generic_task",
                "gateway.google.location", "europe-west1", "gateway.google.namespace", "batch"};
    }

    @Test
    void jobAndInstanceBecomeTheTask() throws Exception {
        push("PUT", "/metrics/job/" + job + "/instance/worker-3", "# TYPE done gauge\ndone{step=\"a\"} 1\n");
        exportAfterAMinute();

        TimeSeries series = readOne("custom.googleapis.com/pushgateway/done");
        assertThat(series.getResource().getType()).isEqualTo("generic_task");
        assertThat(series.getResource().getLabelsMap()).isEqualTo(Map.of("project_id", "local-project",
                "location", "europe-west1", "namespace", "batch", "job", job, "task_id", "worker-3"));
        assertThat(series.getMetric().getLabelsMap()).isEqualTo(Map.of("step", "a"));
    }
}
