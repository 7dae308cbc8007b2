package stackdriver.pushgateway.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that has not completed its first request's headers within the header timeout (a client
 * sending a byte a second would otherwise hold it for as long as it likes), and any connection past the cap.
 * Connections idle between requests are Vert.x's idle timeout's (see {@link GuardedVertx}).
 */
final class ConnectionGuard implements Handler<HttpConnection> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    /** Connections whose first request's headers have not arrived yet → the timer that will close them. */
    private final Map<HttpConnection, Long> awaitingHeaders = new ConcurrentHashMap<>();

    ConnectionGuard(Vertx vertx, ConnectionLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    @Override
    public void handle(HttpConnection connection) {
        int count = open.incrementAndGet();
        connection.closeHandler(closed -> {
            open.decrementAndGet();
            Long timer = awaitingHeaders.remove(connection);
            if (timer != null) {
                vertx.cancelTimer(timer);
            }
        });
        if (count > limits.maxConnections()) {
            LOG.debug("connection from {} closed: {} connections open (limit gateway.web.max-connections)",
                    connection.remoteAddress(), count - 1);
            connection.close();
            return;
        }
        awaitingHeaders.put(connection, vertx.setTimer(limits.headerTimeout().toMillis(), id -> {
            if (awaitingHeaders.remove(connection) != null) {
                LOG.debug("connection from {} closed: no request headers within {} (gateway.web.header-timeout)",
                        connection.remoteAddress(), limits.headerTimeout());
                connection.close();
            }
        }));
    }

    /** On the server's top router, first: a request whose headers have all arrived. */
    void requestArrived(RoutingContext ctx) {
        Long timer = awaitingHeaders.remove(ctx.request().connection());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        ctx.next();
    }

    int openConnections() {
        return open.get();
    }
}
