package stackdriver.pushgateway.http;

import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import stackdriver.pushgateway.http.webconfig.BasicAuthHandler;

/**
 * Every Vert.x-level concern of the HTTP server, ahead of the routes (which only see requests these let through):
 * basic auth, bodies read as the Pushgateway reads them, the API's CORS headers, answers to methods a path does
 * not serve, the push request counter, and the answers to what fails before any route (a bad path, a path nothing
 * serves, a body over the limit). Installed once, when the routes are about to start: the server listens and every route's endpoint
 * exists by then.
 */
public final class HttpLayer {
    static final int AUTH = Integer.MIN_VALUE;
    static final int FIRST = Integer.MIN_VALUE + 1;
    static final int API_HEADERS = Integer.MIN_VALUE + 2;
    static final int METHOD_ANSWERS = Integer.MIN_VALUE + 3;
    static final int AFTER_METHOD_ANSWERS = Integer.MIN_VALUE + 4;
    static final int FORWARD_READS = Integer.MIN_VALUE + 5;

    private final HttpSettings settings;
    private final PushRequestCounter pushRequests;
    private final Optional<ReadForwarding> reads;

    public HttpLayer(HttpSettings settings, PushRequestCounter pushRequests) {
        this(settings, pushRequests, Optional.empty());
    }

    /** @param reads where an ingest replica forwards the reads, if it does */
    public HttpLayer(HttpSettings settings, PushRequestCounter pushRequests, Optional<ReadForwarding> reads) {
        this.settings = settings;
        this.pushRequests = pushRequests;
        this.reads = reads;
    }

    public void install(CamelContext context) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context);
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context,
                    VertxPlatformHttpRouter.getRouterNameFromPort(settings.listenAddress().port()));
        }
        VertxPlatformHttpRouter routes = router;
        settings.webConfig().filter(file -> !file.users().isEmpty())
                .ifPresent(file -> routes.route().order(AUTH).handler(new BasicAuthHandler(file.users())));
        FormBodyAsText.install(router);
        ApiCors.install(router, HttpSettings.API_PATH);
        context.getEndpoints().stream().filter(PlatformHttpEndpoint.class::isInstance)
                .forEach(endpoint -> UnservedMethods.install(routes, (PlatformHttpEndpoint) endpoint));
        pushRequests.install(router, HttpSettings.PUSH_PATH);
        reads.ifPresent(forwarding -> forwarding.install(routes, routes.vertx(), settings));
        InvalidPathAnswer.install(router.getServer().getServer());
        NotFoundAnswer.install(router.getServer().getServer());
        BodyLimitAnswer.install(router.getServer().getServer(), settings.bodyLimit());
    }
}
