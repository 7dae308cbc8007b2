package stackdriver.pushgateway.http;

import java.time.Duration;
import java.util.function.BiConsumer;
import io.netty.channel.Channel;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.SslChannelProvider;

/**
 * Vert.x's HTTP server with a {@link HeaderDeadline} on every connection. Vert.x has no option for it and hands a
 * cleartext connection to the application only once its first request's headers are in (it looks for an h2c
 * upgrade first), so the deadline goes into the pipeline as the connection is accepted, and learns that a request's
 * headers are in when Vert.x hands the request on.
 */
final class HeaderTimedHttpServer extends HttpServerImpl {
    private final Duration headerTimeout;
    private Handler<HttpServerRequest> applicationHandler;

    HeaderTimedHttpServer(VertxInternal vertx, HttpServerOptions options, Duration headerTimeout) {
        super(vertx, options);
        this.headerTimeout = headerTimeout;
    }

    @Override
    protected BiConsumer<Channel, SslChannelProvider> childHandler(ContextInternal context, SocketAddress address,
            GlobalTrafficShapingHandler trafficShaping) {
        BiConsumer<Channel, SslChannelProvider> http = super.childHandler(context, address, trafficShaping);
        return (channel, ssl) -> {
            HeaderDeadline.install(channel, headerTimeout);
            http.accept(channel, ssl);
        };
    }

    @Override
    public synchronized HttpServer requestHandler(Handler<HttpServerRequest> handler) {
        applicationHandler = handler;
        return super.requestHandler(request -> {
            HeaderDeadline.headersIn(request);
            handler.handle(request);
        });
    }

    /** The handler as the application set it: the gateway finds Camel's router here to add its answers. */
    @Override
    public synchronized Handler<HttpServerRequest> requestHandler() {
        return applicationHandler;
    }
}
