package stackdriver.pushgateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.RunningGateway;

/** Which of the routes directory's files a gateway reads. */
class RouteFilesTest {

    @Test
    void withoutPubSubItsRouteFileIsNotRead() throws Exception {
        try (RunningGateway gateway = RunningGateway.start()) {
            assertThat(gateway.gateway().camelContext().getRoutes()).extracting(Route::getRouteId)
                    .contains("http-push", "push", "export", "http-telemetry")
                    .noneMatch(id -> id.startsWith("pubsub-"));
            assertThat(gateway.gateway().camelContext().hasComponent("google-pubsub")).isNull();
            assertThat(gateway.send("PUT", "/metrics/job/no-pubsub", "a 1\n").statusCode()).isEqualTo(200);
        }
    }
}
