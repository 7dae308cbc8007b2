package stackdriver.pushgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.RunningGateway;

/** {@code --web.route-prefix}, {@code --web.telemetry-path} and the admin and lifecycle flags, as the Pushgateway's. */
class RoutePrefixTest {

    @Test
    void everyPathMovesUnderTheRoutePrefixAndTheTelemetryPath() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("gateway.web.route-prefix", "/pg",
                "gateway.web.telemetry-path", "/telemetry")) {
            assertThat(gateway.send("PUT", "/pg/metrics/job/prefixed", "a 1\n").statusCode()).isEqualTo(200);
            assertThat(gateway.gateway().store().group(GroupingKey.of("job", "prefixed"))).isNotNull();
            assertThat(gateway.send("GET", "/pg/telemetry", null).body()).contains("job=\"prefixed\"");
            assertThat(gateway.send("GET", "/pg/-/ready", null).statusCode()).isEqualTo(200);
            assertThat(gateway.send("DELETE", "/pg/telemetry", null).statusCode()).isEqualTo(405);
            assertThat(gateway.send("OPTIONS", "/pg/-/ready", null).headers().firstValue("Allow")).hasValue("GET, OPTIONS");
            assertThat(gateway.send("PUT", "/metrics/job/unprefixed", "a 1\n").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void externalUrlPathIsTheDefaultPrefix() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("gateway.web.external-url", "http://example.com/gw/")) {
            assertThat(gateway.send("GET", "/gw/-/healthy", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void adminWipeDeletesEveryGroupWhenEnabled() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("gateway.web.enable-admin-api", "true")) {
            gateway.send("PUT", "/metrics/job/a", "a 1\n");
            gateway.send("PUT", "/metrics/job/b", "b 1\n");
            assertThat(gateway.send("PUT", "/api/v1/admin/wipe", null).statusCode()).isEqualTo(202);
            assertThat(gateway.gateway().store().groups()).isEmpty();
        }
    }

    @Test
    void quitStopsTheGatewayWhenLifecycleIsEnabled() throws Exception {
        RunningGateway gateway = RunningGateway.start("gateway.web.enable-lifecycle", "true");
        try {
            assertThat(gateway.send("POST", "/-/quit", null).statusCode()).isEqualTo(200);
            assertThat(gateway.gateway().awaitStopped(java.time.Duration.ofSeconds(20))).isTrue();
        } finally {
            gateway.close();
        }
    }
}
