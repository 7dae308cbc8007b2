package stackdriver.pushgateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.RunningGateway;

/** The Python client's push functions (Debian's python3-prometheus-client), unchanged, against the gateway. */
class PythonClientTest {

    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static void python(String code) throws Exception {
        String script = "import sys\nfrom prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Summary\n"
                + "from prometheus_client import push_to_gateway, pushadd_to_gateway, delete_from_gateway\n"
                + "gw = '127.0.0.1:" + gateway.port() + "'\n" + code;
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Group group(String... key) {
        return gateway.gateway().store().group(GroupingKey.of(key));
    }

    @Test
    void pushToGatewayStoresEveryType() throws Exception {
        python("""
                r = CollectorRegistry()
                Counter('py_jobs', 'Jobs done.', registry=r).inc(3)
                Gauge('py_last_success', 'Last success.', ['stage'], registry=r).labels('load').set(1234.5)
                Histogram('py_duration_seconds', 'Duration.', registry=r, buckets=(0.1, 1)).observe(0.5)
                Summary('py_size_bytes', 'Size.', registry=r).observe(10)
                push_to_gateway(gw, job='py-batch', registry=r, grouping_key={'instance': 'host-1'})
                """);
        Group group = group("job", "py-batch", "instance", "host-1");
        assertThat(group.families()).containsKeys("py_jobs_total", "py_last_success", "py_duration_seconds", "py_size_bytes");
        assertThat(group.families().get("py_jobs_total").family().type()).isEqualTo(MetricType.COUNTER);
        assertThat(group.families().get("py_jobs_total").family().metrics().get(0).value()).isEqualTo(3);
        assertThat(group.families().get("py_duration_seconds").family().metrics().get(0).bucketCounts())
                .containsExactly(0, 1, 1);
    }

    @Test
    void pushaddKeepsOtherFamiliesAndDeleteRemovesTheGroup() throws Exception {
        python("""
                r = CollectorRegistry()
                Gauge('py_a', 'A.', registry=r).set(1)
                push_to_gateway(gw, job='py-add', registry=r)
                r2 = CollectorRegistry()
                Gauge('py_b', 'B.', registry=r2).set(2)
                pushadd_to_gateway(gw, job='py-add', registry=r2)
                """);
        assertThat(group("job", "py-add").families()).containsKeys("py_a", "py_b");
        python("delete_from_gateway(gw, job='py-add')\n");
        assertThat(group("job", "py-add")).isNull();
    }
}
