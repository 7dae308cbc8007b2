package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.MetricDescriptor;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MetricDescriptor.ValueType;
import com.google.api.gax.rpc.StatusCode;
import com.google.monitoring.v3.MetricDescriptorName;
import com.google.monitoring.v3.TimeSeries;
import com.google.monitoring.v3.TypedValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on the metric: its descriptor (kind, value type), its labels, and the kinds user-defined metrics allow. */
class MetricRulesTest extends EmulatorTestSupport {
    private static final String TYPE = "custom.googleapis.com/jobs";

    @Test
    void theFirstWriteCreatesTheDescriptor() {
        write(gauge(metric(TYPE, "queue", "q1"), 3, NOW));

        MetricDescriptor descriptor = client.getMetricDescriptor(MetricDescriptorName.of(project.getProject(), TYPE));

        assertThat(descriptor.getMetricKind()).isEqualTo(MetricKind.GAUGE);
        assertThat(descriptor.getValueType()).isEqualTo(ValueType.DOUBLE);
        assertThat(descriptor.getLabelsList()).extracting(l -> l.getKey()).containsExactly("queue");
    }

    @Test
    void aWriteWithAnotherMetricKindThanTheDescriptorIsRejected() {
        write(gauge(TYPE, 1, NOW));

        Rejection rejection = rejected(cumulative(TYPE, 2, NOW, NOW.plusSeconds(60)));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).isEqualTo("One or more TimeSeries could not be written: Metric kind for metric "
                + TYPE + " must be GAUGE, but is CUMULATIVE.: timeSeries[0]");
    }

    @Test
    void aWriteWithAnotherValueTypeThanTheDescriptorIsRejected() {
        write(gauge(TYPE, 1, NOW));
        TimeSeries int64 = gauge(TYPE, 0, NOW.plusSeconds(60)).toBuilder()
                .setPoints(0, point(TypedValue.newBuilder().setInt64Value(2).build(), null, NOW.plusSeconds(60))).build();

        Rejection rejection = rejected(int64);

        assertThat(rejection.message()).isEqualTo("One or more TimeSeries could not be written: Value type for metric "
                + TYPE + " must be DOUBLE, but is INT64.: timeSeries[0]");
    }

    @Test
    void aWriteMatchingAnExplicitlyCreatedDescriptorIsAccepted() {
        client.createMetricDescriptor(project, MetricDescriptor.newBuilder().setType(TYPE)
                .setMetricKind(MetricKind.CUMULATIVE).setValueType(ValueType.DOUBLE).build());

        write(cumulative(TYPE, 5, NOW.minusSeconds(60), NOW));

        assertThat(read(TYPE)).hasSize(1);
        assertThat(rejected(gauge(TYPE, 1, NOW.plusSeconds(60))).message()).contains("must be CUMULATIVE, but is GAUGE");
    }

    @Test
    void aDeltaForAUserDefinedMetricIsRejected() {
        TimeSeries delta = cumulative(TYPE, 5, NOW.minusSeconds(60), NOW).toBuilder().setMetricKind(MetricKind.DELTA).build();

        Rejection rejection = rejected(delta);

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("Field timeSeries[0].metric_kind had an invalid value of \"DELTA\"");
    }

    @Test
    void aLabelKeyNotStartingWithALetterIsRejected() {
        Rejection rejection = rejected(gauge(metric(TYPE, "_x", "v"), 1, NOW));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("Field timeSeries[0].metric.labels had an invalid value of \"_x\"");
    }

    @Test
    void aLabelKeyWithAHyphenIsRejected() {
        assertThat(rejected(gauge(metric(TYPE, "a-b", "v"), 1, NOW)).message())
                .contains("invalid value of \"a-b\": Label keys must start with a letter");
    }

    @Test
    void aLabelKeyOf100CharactersIsAcceptedAnd101Rejected() {
        write(gauge(metric(TYPE, "k".repeat(100), "v"), 1, NOW));

        assertThat(rejected(gauge(metric(TYPE + "2", "k".repeat(101), "v"), 1, NOW)).message())
                .contains("Label keys can be at most 100 characters long.");
    }

    @Test
    void aLabelValueOf1024BytesIsAcceptedAndLongerRejected() {
        write(gauge(metric(TYPE, "k", "é".repeat(512)), 1, NOW));

        Rejection rejection = rejected(gauge(metric(TYPE, "k", "é".repeat(512) + "x"), 1, NOW.plusSeconds(60)));

        assertThat(rejection.message()).contains("Field timeSeries[0].metric.labels[k] had an invalid value:"
                + " Label values can be at most 1024 bytes long.");
    }

    @Test
    void aCustomMetricWith30LabelsIsAcceptedAnd31Rejected() {
        write(gauge(metric(TYPE, labels(30)), 1, NOW));

        Rejection rejection = rejected(gauge(metric(TYPE + "2", labels(31)), 1, NOW));

        assertThat(rejection.code()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rejection.message()).contains("The new labels would cause the metric " + TYPE + "2 to have over 30 labels.");
    }

    @Test
    void newLabelsExtendTheDescriptorUpToTheLimit() {
        write(gauge(metric(TYPE, labels(30)), 1, NOW));

        Rejection rejection = rejected(gauge(metric(TYPE, "another", "v"), 1, NOW));

        assertThat(rejection.message()).contains("The new labels would cause the metric " + TYPE + " to have over 30 labels.");
    }

    @Test
    void aPrometheusMetricWith100LabelsIsAcceptedAnd101Rejected() {
        String prometheus = "prometheus.googleapis.com/up/gauge";
        write(TimeSeries.newBuilder(gauge(metric(prometheus, labels(100)), 1, NOW)).setResource(target()).build());

        Rejection rejection = rejected(TimeSeries.newBuilder(gauge(metric(prometheus + "2", labels(101)), 1, NOW))
                .setResource(target()).build());

        assertThat(rejection.message()).contains("to have over 100 labels.");
    }

    @Test
    void aMetricTypeOutsideTheUserDefinedDomainsIsRejected() {
        assertThat(rejected(gauge("compute.googleapis.com/instance/cpu/utilization", 1, NOW)).message())
                .contains("Field timeSeries[0].metric.type had an invalid value of \"compute.googleapis.com/instance/cpu/utilization\"");
    }

    private static com.google.api.MonitoredResource target() {
        return com.google.api.MonitoredResource.newBuilder().setType("prometheus_target")
                .putLabels("location", "europe-west1").putLabels("cluster", "c").putLabels("namespace", "n")
                .putLabels("job", "j").putLabels("instance", "i").build();
    }

    private static String[] labels(int count) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add("label" + i);
            labels.add("v");
        }
        return labels.toArray(String[]::new);
    }
}
