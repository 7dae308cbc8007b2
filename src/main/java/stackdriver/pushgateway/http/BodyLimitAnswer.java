package stackdriver.pushgateway.http;

import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body over {@code gateway.limits.body-size} is refused by Vert.x's body handler before any route: without
 * this, the pusher got a bare "Request Entity Too Large" and the log an error line for a client's mistake. The
 * answer now names the limit, as the one for a gzip body that decompresses past it does.
 */
public final class BodyLimitAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(BodyLimitAnswer.class);

    private BodyLimitAnswer() {
    }

    /** On the server's top router, where the body handler's failure ends (as {@link InvalidPathAnswer}). */
    static void install(HttpServer server, long limit) {
        if (server.requestHandler() instanceof Router top) {
            top.errorHandler(413, ctx -> answer(ctx, limit));
        }
    }

    private static void answer(RoutingContext ctx, long limit) {
        if (ctx.response().ended()) {
            return;
        }
        String reason = "body is larger than " + limit + " bytes (limit gateway.limits.body-size)";
        LOG.debug("{} {}: {}", ctx.request().method(), ctx.request().uri(), reason);
        Answer.text(ctx.response(), 413, reason + "\n");
    }
}
