package stackdriver.pushgateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.RunningGateway;

/** The documented place in routes/push.yaml where users add steps works without recompiling. */
class RouteStepTest {

    @Test
    void aStepAddedToTheShippedRouteDropsFamilies(@TempDir Path routes) throws Exception {
        for (Path file : Files.newDirectoryStream(Path.of("routes"), "*.yaml")) {
            Files.copy(file, routes.resolve(file.getFileName()));
        }
        Path push = routes.resolve("push.yaml");
        String edited = Files.readString(push).replace("        - process:\n            ref: pushApplier",
                "        - setBody:\n            simple: \"${body.withoutFamiliesMatching('debug_.*')}\"\n"
                        + "        - process:\n            ref: pushApplier");
        assertThat(edited).contains("withoutFamiliesMatching");
        Files.writeString(push, edited);

        try (RunningGateway gateway = RunningGateway.start("gateway.routes.directory", routes.toString())) {
            assertThat(gateway.send("PUT", "/metrics/job/edited", "debug_x 1\nkept 2\n").statusCode()).isEqualTo(200);
            Group group = gateway.gateway().store().group(GroupingKey.of("job", "edited"));
            assertThat(group.families()).containsOnlyKeys("kept");
        }
    }
}
