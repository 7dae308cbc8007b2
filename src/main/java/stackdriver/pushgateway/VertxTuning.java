package stackdriver.pushgateway;

import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/** The options of the Vert.x instance camel-platform-http-vertx makes for the HTTP server. */
final class VertxTuning {

    private VertxTuning() {
    }

    /**
     * The check for blocked event loops wakes once a second by default, and each wake-up costs on a busy core
     * (every 5 s still took 0.1 CPU-s a minute while the gateway exported 1,000,000 series); every 30 s still
     * reports a loop blocked that long. Nothing is served from the classpath: without that resolving Vert.x makes
     * no cache directory in /tmp (about 20 ms of a start, and one directory left behind by every gateway killed).
     */
    static VertxOptions options() {
        return new VertxOptions().setBlockedThreadCheckInterval(30_000)
                .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false));
    }
}
