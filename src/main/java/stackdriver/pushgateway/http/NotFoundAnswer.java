package stackdriver.pushgateway.http;

import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * A path no route serves ({@code /metric/job/x}, a typo of {@code /metrics}) is answered as the Pushgateway answers
 * it, {@code 404 page not found} in plain text, instead of Vert.x's HTML page: whoever pushes with curl or a
 * client library reads the answer as text.
 */
public final class NotFoundAnswer {
    static final String TEXT = "404 page not found\n";

    private NotFoundAnswer() {
    }

    /** On the server's top router: the last to know that nothing matched. */
    static void install(HttpServer server) {
        if (server.requestHandler() instanceof Router top) {
            top.errorHandler(404, ctx -> {
                if (!ctx.response().ended()) {
                    Answer.text(ctx.response(), 404, TEXT);
                }
            });
        }
    }
}
