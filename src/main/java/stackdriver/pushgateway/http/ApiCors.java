package stackdriver.pushgateway.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The CORS headers of the Pushgateway's API v1, so that a dashboard in a browser reads {@code /api/v1/} from
 * another origin as it did from the reference: on its 200 answers, and on the 200 to OPTIONS on any path below
 * it (a browser's preflight), which names no methods in {@code Allow}. Its 405s, 404s and the wipe's 202 have
 * none. Set on the Vert.x response: Camel's header filter would drop {@code Cache-Control} from a route's answer.
 */
final class ApiCors {

    private static final Map<String, String> HEADERS = Map.of(
            "Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin",
            "Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS",
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Expose-Headers", "Date",
            "Cache-Control", "no-cache, no-store, must-revalidate");

    private ApiCors() {
    }

    /** On {@code <apiPath>/*}, ahead of the routes and of {@link UnservedMethods}. */
    static void install(Router router, String apiPath) {
        router.route(apiPath + "/*").order(HttpLayer.API_HEADERS).handler(ApiCors::handle);
    }

    private static void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (ctx.request().method().equals(HttpMethod.OPTIONS)) {
            HEADERS.forEach(response::putHeader);
            response.setStatusCode(200).end();
            return;
        }
        ctx.addHeadersEndHandler(ignored -> {
            if (response.getStatusCode() == 200) {
                HEADERS.forEach(response::putHeader);
            }
        });
        ctx.next();
    }
}
