package stackdriver.pushgateway.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 408 and closes a connection whose request line and headers are not all in within
 * {@code gateway.web.header-timeout}: a client trickling its headers a byte at a time resets the idle timeout with
 * every byte. The clock starts when the connection opens, and on a kept-alive connection at the first byte after
 * the previous answer ended, so that a client may wait between requests as long as the idle timeout lets it. It
 * stops when Vert.x hands the request on ({@link #headersIn}): a body is not timed here. It sits first in the
 * channel's pipeline, where it sees every byte from the socket whatever Vert.x builds behind it (TLS, an HTTP/1.1 or
 * HTTP/2 decoder, only once the first bytes came). An HTTP/2 connection is left to the idle timeout once its first
 * request is in: its streams share it.
 */
final class HeaderDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
    private static final AttributeKey<HeaderDeadline> KEY = AttributeKey.valueOf(HeaderDeadline.class.getName());
    private static final byte[] REQUEST_TIMEOUT =
            "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final long timeoutNanos;
    private ChannelHandlerContext context;
    private boolean waiting;
    private long waitingSince;
    /** Rescheduled rather than cancelled on every request, as Netty's IdleStateHandler does: one task a connection. */
    private ScheduledFuture<?> check;
    /** The request Vert.x handed on last, until its answer ends. */
    private HttpServerRequest answering;
    private boolean http2;

    private HeaderDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Puts a deadline on a new connection, before Vert.x builds its pipeline. */
    static void install(Channel channel, Duration timeout) {
        HeaderDeadline deadline = new HeaderDeadline(timeout);
        channel.attr(KEY).set(deadline);
        channel.pipeline().addFirst("headerDeadline", deadline);
    }

    /** Stops the clock of the request's connection: its headers are in. */
    static void headersIn(HttpServerRequest request) {
        Channel channel = ((ConnectionBase) request.connection()).channel();
        HeaderDeadline deadline = channel.attr(KEY).get();
        if (deadline == null) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            deadline.stop(request);
        } else {
            channel.eventLoop().execute(() -> deadline.stop(request));
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        start();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!waiting && !http2 && (answering == null || answering.response().ended())) {
            answering = null;
            start();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private void start() {
        waiting = true;
        waitingSince = System.nanoTime();
        if (check == null) {
            check = context.executor().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stop(HttpServerRequest request) {
        waiting = false;
        answering = request;
        http2 = request.version() == HttpVersion.HTTP_2;
    }

    private void expire() {
        check = null;
        if (!waiting || !context.channel().isActive()) {
            return;
        }
        long left = timeoutNanos - (System.nanoTime() - waitingSince);
        if (left > 0) {
            check = context.executor().schedule(this::expire, left, TimeUnit.NANOSECONDS);
            return;
        }
        LOG.debug("connection from {} closed: its request's headers were not in within gateway.web.header-timeout",
                context.channel().remoteAddress());
        if (context.pipeline().get(SslHandler.class) == null) {
            // written below Vert.x's encoder, which holds no answer while a request is awaited; below TLS, it could
            // only be written in clear
            context.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            context.close();
        }
    }
}
