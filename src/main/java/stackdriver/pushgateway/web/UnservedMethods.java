package stackdriver.pushgateway.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Methods a path does not serve, answered as the Pushgateway's router does: OPTIONS is a 200 naming the methods
 * it has, any other (HEAD too) a 405 naming them. Without this, platform-http answered HEAD as a GET, and OPTIONS
 * and the rest with a 405 and an empty {@code Allow}.
 */
public final class UnservedMethods {
    private static final Set<HttpMethod> GET = Set.of(HttpMethod.GET);
    private static final Set<HttpMethod> PUSH = Set.of(HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE);

    private UnservedMethods() {
    }

    /**
     * @param telemetryPath {@code --web.telemetry-path}; every path is as the routes name it, below the route prefix
     */
    public static void install(Router router, String telemetryPath) {
        for (String path : List.of(telemetryPath, "/-/ready", "/-/healthy", "/api/v1/status", "/api/v1/metrics")) {
            before(router, path).handler(ctx -> answer(ctx, GET, "GET, OPTIONS"));
        }
        before(router, "/api/v1/admin/wipe").handler(ctx -> answer(ctx, Set.of(HttpMethod.PUT), "OPTIONS, PUT"));
        before(router, "/metrics/job/*").handler(ctx -> answer(ctx, PUSH, "DELETE, OPTIONS, POST, PUT"));
        before(router, "/-/quit").handler(UnservedMethods::quit);
    }

    /** Ahead of the routes, after the form-body relabelling and the API's preflight answers ({@link ApiCors}). */
    private static Route before(Router router, String path) {
        return router.route(path).order(Integer.MIN_VALUE + 2);
    }

    /** The reference's quit handler takes GET too, to say which methods it wants. */
    private static void quit(RoutingContext ctx) {
        if (ctx.request().method().equals(HttpMethod.GET)) {
            ctx.response().setStatusCode(405).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("Only POST or PUT requests allowed.");
            return;
        }
        answer(ctx, Set.of(HttpMethod.PUT, HttpMethod.POST), "GET, OPTIONS, POST, PUT");
    }

    private static void answer(RoutingContext ctx, Set<HttpMethod> served, String allow) {
        HttpMethod method = ctx.request().method();
        // Vert.x matches a path with a slash added as well; the Pushgateway does not (PUT /metrics/ is its 404)
        if (served.contains(method) || ctx.request().path().endsWith("/")) {
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaders.ALLOW, allow);
        if (method.equals(HttpMethod.OPTIONS)) {
            ctx.response().setStatusCode(200).end();
            return;
        }
        ctx.response().setStatusCode(405).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
        if (method.equals(HttpMethod.HEAD)) {
            ctx.response().end(); // Vert.x writes a body given here even after a HEAD's headers
            return;
        }
        ctx.response().end("Method Not Allowed\n");
    }
}
