package stackdriver.pushgateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 token endpoint on loopback, for the {@code token_uri} of a credentials file: hands out
 * {@code token-1}, {@code token-2}... with the given lifetime, or refuses as Google's does a revoked grant.
 */
public final class TokenEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final long expiresInSeconds;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    private TokenEndpoint(long expiresInSeconds) throws IOException {
        this.expiresInSeconds = expiresInSeconds;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::answer);
        server.start();
    }

    public static TokenEndpoint start(long expiresInSeconds) throws IOException {
        return new TokenEndpoint(expiresInSeconds);
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** From now on every request is answered 400 {@code invalid_grant}, or again with tokens. */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    /** The form bodies received, in order. */
    public List<String> requests() {
        return requests;
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String body;
        int status;
        if (refusing) {
            status = 400;
            body = "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}";
        } else {
            status = 200;
            body = "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"expires_in\":" + expiresInSeconds
                    + ",\"token_type\":\"Bearer\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
