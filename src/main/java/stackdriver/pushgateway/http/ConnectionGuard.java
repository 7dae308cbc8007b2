package stackdriver.pushgateway.http;

import java.util.concurrent.atomic.AtomicInteger;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes any connection past {@code gateway.web.max-connections}. Vert.x hands a cleartext connection over once
 * its first request's headers tell HTTP/1.1 from an HTTP/2 upgrade, so a connection counts from then; one that
 * sends nothing, or not all its headers, is closed by the {@link HeaderDeadline}, one that sends nothing between
 * requests by the idle timeout (see {@link GuardedVertx}).
 */
final class ConnectionGuard implements Handler<HttpConnection> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionGuard(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    public void handle(HttpConnection connection) {
        int count = open.incrementAndGet();
        connection.closeHandler(closed -> open.decrementAndGet());
        if (count > maxConnections) {
            LOG.debug("connection from {} closed: {} connections open (limit gateway.web.max-connections)",
                    connection.remoteAddress(), count - 1);
            connection.close();
        }
    }
}
