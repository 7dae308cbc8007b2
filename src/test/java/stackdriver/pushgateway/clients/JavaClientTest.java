package stackdriver.pushgateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.RunningGateway;

/** The Java client's Pushgateway exporter, unchanged, in text and protobuf. */
class JavaClientTest {

    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"PROMETHEUS_TEXT", "PROMETHEUS_PROTOBUF"})
    void pushPushAddAndDelete(Format format) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter.builder().name("java_jobs_total").help("Jobs.").labelNames("stage").register(registry)
                .labelValues("load").inc(5);
        Histogram.builder().name("java_duration_seconds").help("Duration.").classicUpperBounds(0.1, 1)
                .register(registry).observe(0.5);
        String job = "java-" + format.name().toLowerCase();
        PushGateway push = PushGateway.builder().address("127.0.0.1:" + gateway.port()).job(job).format(format)
                .registry(registry).build();
        push.push();

        Group group = gateway.gateway().store().group(GroupingKey.of("job", job));
        assertThat(group.families().get("java_jobs_total").family().type()).isEqualTo(MetricType.COUNTER);
        assertThat(group.families().get("java_jobs_total").family().metrics().get(0).value()).isEqualTo(5);
        assertThat(group.families().get("java_jobs_total").family().metrics().get(0).labels().get("stage")).isEqualTo("load");
        assertThat(group.families().get("java_duration_seconds").family().metrics().get(0).count()).isEqualTo(1);

        PrometheusRegistry more = new PrometheusRegistry();
        Gauge.builder().name("java_extra").help("Extra.").register(more).set(7);
        PushGateway.builder().address("127.0.0.1:" + gateway.port()).job(job).format(format).registry(more).build().pushAdd();
        assertThat(gateway.gateway().store().group(GroupingKey.of("job", job)).families())
                .containsKeys("java_jobs_total", "java_extra");

        push.delete();
        assertThat(gateway.gateway().store().group(GroupingKey.of("job", job))).isNull();
    }
}
