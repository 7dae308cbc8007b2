package stackdriver.pushgateway.http;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;

/**
 * The Vert.x instance for camel-platform-http-vertx's server, which makes its {@link HttpServerOptions} itself and
 * offers no way to set timeouts on them: this instance sets the idle timeout on the options of every HTTP server
 * it is asked to create, makes it a {@link HeaderTimedHttpServer}, and sets the {@link ConnectionGuard} on it before
 * it listens. Everything else goes to the Vert.x instance as it is.
 */
public final class GuardedVertx {
    private final VertxInternal vertx;
    private final ConnectionGuard guard;
    private final Vertx guarded;

    public GuardedVertx(VertxOptions options, ConnectionLimits limits) {
        this.vertx = (VertxInternal) Vertx.vertx(options);
        this.guard = new ConnectionGuard(limits.maxConnections());
        this.guarded = (Vertx) Proxy.newProxyInstance(GuardedVertx.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> {
                    if (isCreateHttpServer(method)) {
                        HttpServerOptions serverOptions = new HttpServerOptions((HttpServerOptions) args[0])
                                .setIdleTimeout((int) limits.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
                        return new HeaderTimedHttpServer(vertx, serverOptions, limits.headerTimeout()).connectionHandler(guard);
                    }
                    try {
                        return method.invoke(vertx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static boolean isCreateHttpServer(Method method) {
        return method.getName().equals("createHttpServer") && method.getParameterCount() == 1
                && method.getParameterTypes()[0] == HttpServerOptions.class;
    }

    /** The instance to bind for Camel. */
    public Vertx vertx() {
        return guarded;
    }

    /** Camel does not close a Vert.x instance it did not make. */
    public void close() {
        vertx.close();
    }
}
