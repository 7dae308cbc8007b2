package stackdriver.pushgateway.http.webconfig;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * {@code basic_auth_users}: every request needs the credentials of one user, else 401 with
 * {@code WWW-Authenticate: Basic}, as exporter-toolkit answers. Runs before every route.
 */
public final class BasicAuthHandler implements Handler<RoutingContext> {

    /** bcrypt is slow by design; a client pushing every few seconds should not pay for it every time. */
    private static final long CACHE_NANOS = 60_000_000_000L;
    private static final int CACHE_SIZE = 1024;

    private final Map<String, String> users;
    /** Checked for unknown users, so that the time of an answer does not tell which users exist. */
    private final String unknownUserHash;
    /** SHA-256 of user and password → when the successful check expires. */
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();

    public BasicAuthHandler(Map<String, String> users) {
        this.users = Map.copyOf(users);
        byte[] salt = new byte[16];
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        char[] password = HexFormat.of().formatHex(salt).toCharArray();
        random.nextBytes(salt);
        this.unknownUserHash = OpenBSDBCrypt.generate("2y", password, salt, 10);
    }

    /** Installed first on the platform-http router, so that it covers every route. */
    @Override
    public void handle(RoutingContext ctx) {
        String[] credentials = credentials(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (credentials == null) {
            refuse(ctx);
            return;
        }
        String cacheKey = cacheKey(credentials[0], credentials[1]);
        Long expiry = accepted.get(cacheKey);
        if (expiry != null && expiry - System.nanoTime() > 0) {
            ctx.next();
            return;
        }
        // the body must wait for the route's body handler, after the check on a worker thread
        ctx.request().pause();
        ctx.vertx().executeBlocking(() -> check(credentials[0], credentials[1]), false).onComplete(result -> {
            if (result.succeeded() && result.result()) {
                if (accepted.size() >= CACHE_SIZE) {
                    accepted.clear();
                }
                accepted.put(cacheKey, System.nanoTime() + CACHE_NANOS);
                ctx.next();
            } else {
                ctx.request().resume();
                refuse(ctx);
            }
        });
    }

    private boolean check(String user, String password) {
        String hash = users.get(user);
        boolean matches = OpenBSDBCrypt.checkPassword(hash == null ? unknownUserHash : hash, password.toCharArray());
        return hash != null && matches;
    }

    /** User and password of an {@code Authorization: Basic} header, or null. */
    private static String[] credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static String cacheKey(String user, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(user.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refuse(RoutingContext ctx) {
        ctx.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Basic")
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end("Unauthorized\n");
    }
}
