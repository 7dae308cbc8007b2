package stackdriver.pushgateway.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;

/**
 * Methods a path does not serve, answered as the Pushgateway's router does: OPTIONS is a 200 naming the methods
 * it has, any other (HEAD too) a 405 naming them. Without this, platform-http answered HEAD as a GET, and OPTIONS
 * and the rest with a 405 and an empty {@code Allow}. The paths and their methods are those the routes declare
 * ({@code platform-http:<path>?httpMethodRestrict=...}), so a route added in YAML is answered the same way.
 */
final class UnservedMethods {

    private UnservedMethods() {
    }

    /** For one route's endpoint; a route that restricts no method serves them all. */
    static void install(Router router, PlatformHttpEndpoint endpoint) {
        String restrict = endpoint.getHttpMethodRestrict();
        if (restrict == null || restrict.isBlank()) {
            return;
        }
        Set<HttpMethod> served = Arrays.stream(restrict.split(","))
                .map(method -> HttpMethod.valueOf(method.trim().toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
        Set<String> allowed = new TreeSet<>();
        served.forEach(method -> allowed.add(method.name()));
        allowed.add("OPTIONS");
        String allow = String.join(", ", allowed);
        route(router, endpoint).order(HttpLayer.METHOD_ANSWERS).handler(ctx -> answer(ctx, served, allow));
    }

    /** A prefix route's paths below it, not the path itself: that one may be another route's (GET /metrics). */
    private static Route route(Router router, PlatformHttpEndpoint endpoint) {
        return endpoint.isMatchOnUriPrefix() ? router.routeWithRegex(Pattern.quote(endpoint.getPath()) + "/.*")
                : router.route(endpoint.getPath());
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
        } else if (method.equals(HttpMethod.HEAD)) {
            ctx.response().setStatusCode(405).putHeader(HttpHeaders.CONTENT_TYPE, Answer.PLAIN_TEXT)
                    .end(); // Vert.x writes a body given here even after a HEAD's headers
        } else {
            Answer.text(ctx.response(), 405, "Method Not Allowed\n");
        }
    }
}
