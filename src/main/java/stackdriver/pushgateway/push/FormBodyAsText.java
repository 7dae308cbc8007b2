package stackdriver.pushgateway.push;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;

/**
 * {@code curl --data-binary} sends {@code application/x-www-form-urlencoded}, and platform-http would then hand
 * the route a parsed form instead of the bytes. The Pushgateway reads such bodies as text format, so before
 * any route sees them we relabel the request as {@code text/plain}.
 */
public final class FormBodyAsText {

    private FormBodyAsText() {
    }

    public static void install(Router router) {
        router.route().order(Integer.MIN_VALUE).handler(FormBodyAsText::relabel);
    }

    private static void relabel(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)) {
            ctx.request().headers().set(HttpHeaders.CONTENT_TYPE, "text/plain");
        }
        ctx.next();
    }
}
