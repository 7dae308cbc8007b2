package stackdriver.pushgateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code curl --data-binary} sends {@code application/x-www-form-urlencoded}, and Vert.x's body handling would then
 * decode a form (a multipart one too) instead of keeping the bytes. The Pushgateway reads such bodies as text
 * format, so before any route sees them we relabel the request as {@code text/plain}.
 */
final class FormBodyAsText {

    private FormBodyAsText() {
    }

    static void install(Router router) {
        router.route().order(HttpLayer.FIRST).handler(FormBodyAsText::relabel);
    }

    private static void relabel(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && (contentType.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)
                || contentType.regionMatches(true, 0, "multipart/", 0, 10))) {
            ctx.request().headers().set(HttpHeaders.CONTENT_TYPE, "text/plain");
        }
        ctx.next();
    }
}
