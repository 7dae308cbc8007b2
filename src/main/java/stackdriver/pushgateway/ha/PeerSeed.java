package stackdriver.pushgateway.ha;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.persistence.CorruptStateException;
import stackdriver.pushgateway.persistence.Persistence;
import stackdriver.pushgateway.persistence.SnapshotContents;
import stackdriver.pushgateway.persistence.SnapshotFile;
import stackdriver.pushgateway.store.GroupStore;

/**
 * {@code gateway.ha.seed-from}: a writer replica's own subscription holds only what was published after it was made,
 * so a writer that starts with an empty store (a new replica, or one replaced without its volume) first takes every
 * group and saved state from a peer writer ({@code GET /api/v1/snapshot}, the snapshot file's layout), then
 * consumes its subscription over it: a message older than what a group already reflects changes nothing. A writer
 * that is not ready is not behind the writers' Service, so the peer that answers is one that serves. When none
 * answers within {@code gateway.ha.seed-timeout} (the first writer ever), it starts empty and says so. A peer that
 * refuses the request (401, 403: basic auth on the writers, and no or wrong {@code gateway.ha.seed-basic-auth-file}),
 * or whose certificate this JVM refuses, stops the start instead: starting empty beside a peer that holds the groups
 * would lose them for this writer.
 *
 * @param snapshot      the peer's snapshot endpoint, route prefix included
 * @param authorization the {@code Authorization} header sent, or empty
 */
public record PeerSeed(URI snapshot, Duration timeout, String authorization) {

    private static final Logger LOG = LoggerFactory.getLogger(PeerSeed.class);
    public static final String PATH = "/api/v1/snapshot";
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(2);
    private static final String ADVICE = "Its copy is not taken; another try follows.";

    /** Empty when {@code gateway.ha.seed-from} is not set. */
    public static Optional<PeerSeed> from(GatewaySettings settings, String routePrefix) {
        String value = settings.get("gateway.ha.seed-from", "").trim();
        Duration timeout = settings.getPositiveDuration("gateway.ha.seed-timeout");
        String authorization = basicAuthorization(settings.get("gateway.ha.seed-basic-auth-file", "").trim());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.matches("https?://[^/\\s]+/?")) {
            throw new IllegalArgumentException("gateway.ha.seed-from must be the writers' http:// or https:// address"
                    + " without a path (e.g. http://pushgateway-writer:9091), not \"" + value + "\"");
        }
        String origin = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        String prefix = routePrefix.equals("/") ? "" : routePrefix;
        return Optional.of(new PeerSeed(URI.create(origin + prefix + PATH), timeout, authorization));
    }

    /** The header for the user and password in {@code file} ({@code user:password}, as a mounted Secret holds them). */
    private static String basicAuthorization(String file) {
        if (file.isEmpty()) {
            return "";
        }
        String credentials;
        try {
            credentials = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("gateway.ha.seed-basic-auth-file: cannot read " + file + ": " + e, e);
        }
        if (credentials.indexOf(':') < 1) {
            throw new IllegalArgumentException("gateway.ha.seed-basic-auth-file: " + file
                    + " must hold one line user:password");
        }
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<CertificateException> certificateRefused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "PeerSeed[" + snapshot + ", timeout " + timeout + (authorization.isEmpty() ? "" : ", with credentials") + "]";
    }

    /**
     * Loads a peer's groups and states into {@code store} when it holds none, and saves them; returns when done, or
     * when no peer answered within the timeout.
     */
    public void seedIfEmpty(GroupStore store, Persistence persistence) throws IOException {
        if (!store.groups().isEmpty()) {
            LOG.info("the store holds {} groups: not loading a peer writer's", store.groups().size());
            return;
        }
        Optional<SnapshotContents> contents = fetch();
        if (contents.isEmpty()) {
            return;
        }
        persistence.seed(contents.get(), store);
        LOG.info("took {} groups and {} saved states from a peer writer ({})", contents.get().groups().size(),
                contents.get().states().size(), snapshot);
    }

    private Optional<SnapshotContents> fetch() {
        Instant deadline = Instant.now().plus(timeout);
        Duration wait = FIRST_RETRY;
        String lastFailure;
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        while (true) {
            try {
                return Optional.of(request(client, Duration.between(Instant.now(), deadline)));
            } catch (IOException | CorruptStateException | IllegalArgumentException e) {
                lastFailure = e.toString();
            }
            if (Instant.now().plus(wait).isAfter(deadline)) {
                break;
            }
            try {
                Thread.sleep(wait.toMillis()); // a backoff between tries, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
        }
        LOG.warn("no peer writer gave its groups at {} within {} (last: {}): starting with an empty store, as the first"
                + " writer does", snapshot, timeout, lastFailure);
        return Optional.empty();
    }

    private SnapshotContents request(HttpClient client, Duration remaining) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(snapshot).GET()
                .timeout(remaining.isNegative() || remaining.isZero() ? Duration.ofMillis(1) : remaining);
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (SSLHandshakeException e) {
            Optional<CertificateException> refused = certificateRefused(e);
            if (refused.isPresent()) {
                throw new IllegalStateException("the peer writer at " + snapshot + " has a certificate this JVM refuses ("
                        + refused.get().getMessage() + "): add its CA to the JVM's trust store (JAVA_OPTS="
                        + "-Djavax.net.ssl.trustStore=...). Not starting with an empty store beside a writer that holds"
                        + " the groups", e);
            }
            throw e; // the handshake broke off: another try follows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new IllegalStateException("the peer writer at " + snapshot + " answered " + response.statusCode()
                        + (authorization.isEmpty() ? ": it asks for credentials; set gateway.ha.seed-basic-auth-file"
                                : ": it refuses the user of gateway.ha.seed-basic-auth-file")
                        + " (a user of its web config file). Not starting with an empty store beside a writer that"
                        + " holds the groups");
            }
            if (response.statusCode() != 200) {
                throw new IOException("answered " + response.statusCode() + ": " + new String(body.readNBytes(200),
                        StandardCharsets.UTF_8).trim());
            }
            return SnapshotFile.read(body, Long.MAX_VALUE, "the peer writer's snapshot at " + snapshot, ADVICE);
        }
    }
}
