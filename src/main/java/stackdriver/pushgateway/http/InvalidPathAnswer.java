package stackdriver.pushgateway.http;

import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A path Vert.x cannot decode (a bad percent-escape such as {@code /metrics/job/a%zz}) fails before any route:
 * without this, Vert.x answers a bare 400 and logs the request as an error with a stack trace. The reference
 * answers {@code 400 Bad Request} as well; we say where the path is wrong and log one line at debug level.
 */
public final class InvalidPathAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidPathAnswer.class);

    private InvalidPathAnswer() {
    }

    /** On the server's top router: the path is decoded there, before platform-http's own router is reached. */
    static void install(HttpServer server) {
        if (server.requestHandler() instanceof Router top) {
            top.errorHandler(400, InvalidPathAnswer::answer);
        }
    }

    private static void answer(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        String path = ctx.request().path();
        int bad = invalidEscape(path);
        String reason = bad < 0 ? "Bad Request"
                : "invalid percent-escape \"" + path.substring(bad, Math.min(bad + 3, path.length()))
                        + "\" at character " + (bad + 1) + " of the URL path";
        LOG.debug("{} {}: {}", ctx.request().method(), ctx.request().uri(), reason);
        Answer.text(ctx.response(), 400, reason + "\n");
    }

    /** Where the first '%' not followed by two hex digits is, or -1. */
    static int invalidEscape(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
                    || Character.digit(path.charAt(i + 2), 16) < 0) {
                return i;
            }
            i += 2;
        }
        return -1;
    }
}
