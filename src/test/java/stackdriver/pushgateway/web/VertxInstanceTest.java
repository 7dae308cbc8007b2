package stackdriver.pushgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.file.impl.FileResolverImpl;
import io.vertx.core.impl.VertxInternal;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.RunningGateway;

/** The Vert.x instance the HTTP server runs on is made from the gateway's options, not Vert.x's defaults. */
class VertxInstanceTest {

    @Test
    void resolvesNoFilesFromTheClasspathSoKeepsNoCacheDirectory() throws Exception {
        try (RunningGateway gateway = RunningGateway.start()) {
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(gateway.gateway().camelContext(),
                    VertxPlatformHttpRouter.getRouterNameFromPort(gateway.port()));
            VertxInternal vertx = (VertxInternal) router.vertx();

            assertThat(((FileResolverImpl) vertx.fileResolver()).cacheDir()).isNull();
            assertThat(vertx.fileSystem().existsBlocking("stackdriver/pushgateway/Application.class")).isFalse();
        }
    }
}
