package stackdriver.pushgateway.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The paths that only answer GET, answered for other methods as the Pushgateway's router does: OPTIONS is a
 * 200 naming the methods, any other method (HEAD too) a 405 naming them. Without this, platform-http answered
 * HEAD as a GET, and OPTIONS and the rest with a 405 and an empty {@code Allow}.
 */
public final class GetOnlyPaths {
    private static final String ALLOW = "GET, OPTIONS";

    private GetOnlyPaths() {
    }

    /** @param paths as the routes name them, below the route prefix */
    public static void install(Router router, List<String> paths) {
        for (String path : paths) {
            router.route(path).order(Integer.MIN_VALUE + 1).handler(GetOnlyPaths::answer);
        }
    }

    private static void answer(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        // Vert.x matches a path with a slash added as well; the Pushgateway does not (PUT /metrics/ is its 404)
        if (method.equals(HttpMethod.GET) || ctx.request().path().endsWith("/")) {
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
        if (method.equals(HttpMethod.OPTIONS)) {
            ctx.response().setStatusCode(200).end();
            return;
        }
        ctx.response().setStatusCode(405).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end("Method Not Allowed\n");
    }
}
