package stackdriver.pushgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.differential.ProtobufBodies;
import stackdriver.pushgateway.ingest.SnappyBodyTest;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * Seeded fuzzing of the push API over a raw socket (so that paths and headers no HTTP client would send get through):
 * mutated text, OpenMetrics, protobuf, gzip and snappy bodies, under every Content-Type and Content-Encoding, on
 * mutated paths and methods. Whatever a client sends is a 2xx or a 4xx with a reason, never a 5xx, and a 4xx changes
 * no stored metric. The seed is fixed, so a failure is found again by running the test again.
 */
class FuzzedRequestsTest {
    private static final long SEED = 20_261_207L;
    private static final int REQUESTS = 20_000;
    /** The store is wiped this often, so that checking it after every refused request stays cheap. */
    private static final int WIPE_EVERY = 250;

    private static final String[] CONTENT_TYPES = {null, "text/plain; version=0.0.4", "text/plain",
        "application/openmetrics-text; version=1.0.0; charset=utf-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=xyz", "multipart/form-data",
        "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited",
        "application/vnd.google.protobuf", "application/json", ";;;", "text/plain; charset=\u00ff"};
    private static final String[] CONTENT_ENCODINGS = {null, null, "gzip", "snappy", "GZIP", "deflate", "br", "gzip, br", ""};
    private static final String[] METHODS = {"PUT", "PUT", "POST", "POST", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH"};
    private static final String[] PATHS = {"/metrics/job/fuzz", "/metrics/job/fuzz/instance/a",
        "/metrics/job@base64/ZnV6eg/instance@base64/YQ==", "/metrics/job/fuzz/le/0.5/code/200", "/metrics/x/y",
        "/metrics/job/", "/api/v1/metrics", "/metrics", "/-/ready", "/metrics/job/fuzz/a%2Fb/c"};

    private static RunningGateway gateway;
    private static byte[][] seeds;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start("gateway.web.enable-admin-api", "true", "gateway.limits.body-size", "100000");
        String text = "# HELP a A counter.\n# TYPE a counter\na{x=\"1\"} 1\na{x=\"2\"} 2\n# TYPE h histogram\n"
                + "h_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1.5\nh_count 2\nuntyped_one 3.5e3\n";
        String openMetrics = "# TYPE c counter\nc_total 4\nc_created 1.7e9\n# TYPE i info\ni_info{v=\"1\"} 1\n# EOF\n";
        seeds = new byte[][] {bytes(text), bytes(openMetrics), ProtobufBodies.counterAndHistogram(), gzip(text),
            SnappyBodyTest.framed(text), bytes("my_metric 99\n"), new byte[0]};
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void noRequestIsAnswered5xxAndNoRefusedOneChangesTheStore() throws Exception {
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new HashMap<>();
        try (RawConnection connection = new RawConnection(gateway.port())) {
            for (int i = 0; i < REQUESTS; i++) {
                if (i % WIPE_EVERY == 0) {
                    assertThat(connection.send(request("PUT", "/api/v1/admin/wipe", null, null, new byte[0]))).isEqualTo(202);
                }
                byte[] request = randomRequest(random);
                Map<GroupingKey, Integer> before = storedMetrics();
                int status = connection.send(request);
                statuses.merge(status, 1, Integer::sum);
                String shown = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
                assertThat(status).as("request %d:\n%s", i, shown).isBetween(200, 499);
                if (status >= 400) {
                    assertThat(storedMetrics()).as("the store after refused request %d:\n%s", i, shown).isEqualTo(before);
                }
            }
        }
        assertThat(statuses).as("both accepted and refused requests were made").containsKeys(200, 202, 400);
    }

    /** Each group's families, by identity: a push that is applied replaces them; a refused one leaves them. */
    private static Map<GroupingKey, Integer> storedMetrics() {
        Map<GroupingKey, Integer> stored = new HashMap<>();
        for (Group group : gateway.gateway().store().groups()) {
            // a push refused by validation still marks its group failed, creating it if new, as the Pushgateway does
            boolean onlyGatewayFamilies = MetricStore.GATEWAY_FAMILIES.containsAll(group.families().keySet());
            if (!onlyGatewayFamilies) {
                stored.put(group.key(), System.identityHashCode(group.families()));
            }
        }
        return stored;
    }

    private static byte[] randomRequest(Random random) throws IOException {
        String method = pick(random, METHODS);
        String path = mutatePath(random, pick(random, PATHS));
        byte[] body = mutate(random, seeds[random.nextInt(seeds.length)]);
        return request(method, path, pick(random, CONTENT_TYPES), pick(random, CONTENT_ENCODINGS), body);
    }

    private static byte[] request(String method, String path, String contentType, String contentEncoding, byte[] body)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (contentEncoding != null) {
            head.append("Content-Encoding: ").append(contentEncoding).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        return out.toByteArray();
    }

    private static String mutatePath(Random random, String path) {
        StringBuilder mutated = new StringBuilder(path);
        int edits = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < edits; i++) {
            int at = 1 + random.nextInt(mutated.length());
            switch (random.nextInt(6)) {
                case 0 -> mutated.insert(at, '/');
                case 1 -> mutated.insert(at, "%" + Integer.toHexString(random.nextInt(256)).toUpperCase(Locale.ROOT));
                case 2 -> mutated.insert(at, "%z");
                case 3 -> mutated.insert(at, "@base64");
                case 4 -> mutated.insert(at, (char) (0x21 + random.nextInt(0x5e)));
                default -> mutated.setLength(Math.max(1, at));
            }
        }
        return mutated.toString().replace(' ', '_');
    }

    private static byte[] mutate(Random random, byte[] seed) {
        byte[] body = seed.clone();
        int edits = random.nextInt(5);
        for (int i = 0; i < edits && body.length > 0; i++) {
            int at = random.nextInt(body.length);
            switch (random.nextInt(5)) {
                case 0 -> body[at] = (byte) random.nextInt(256);
                case 1 -> body[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> body = java.util.Arrays.copyOf(body, at);
                case 3 -> {
                    byte[] longer = new byte[body.length + 1];
                    System.arraycopy(body, 0, longer, 0, at);
                    longer[at] = (byte) "{}\"\\\n #=,".charAt(random.nextInt(9));
                    System.arraycopy(body, at, longer, at + 1, body.length - at);
                    body = longer;
                }
                default -> {
                    byte[] other = seeds[random.nextInt(seeds.length)];
                    int from = other.length == 0 ? 0 : random.nextInt(other.length);
                    byte[] spliced = java.util.Arrays.copyOf(body, at + other.length - from);
                    System.arraycopy(other, from, spliced, at, other.length - from);
                    body = spliced;
                }
            }
        }
        return body;
    }

    private static <T> T pick(Random random, T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes(text));
        }
        return out.toByteArray();
    }

    /** HTTP/1.1 over one socket, opened again whenever the server closes it; reads each answer whole. */
    private static final class RawConnection implements AutoCloseable {
        private final int port;
        private Socket socket;

        RawConnection(int port) {
            this.port = port;
        }

        int send(byte[] request) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                        socket.setSoTimeout(30_000);
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    return readAnswer(socket.getInputStream(), request);
                } catch (IOException e) {
                    close();
                    if (attempt == 1) {
                        throw e;
                    }
                }
            }
        }

        private int readAnswer(InputStream in, byte[] request) throws IOException {
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            Map<String, String> headers = new HashMap<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            boolean head405 = new String(request, 0, 5, StandardCharsets.ISO_8859_1).startsWith("HEAD ");
            if (!head405) {
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    readChunks(in);
                } else {
                    in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                }
            }
            if ("close".equalsIgnoreCase(headers.get("connection"))) {
                close();
            }
            return status;
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before an answer");
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        private static void readChunks(InputStream in) throws IOException {
            while (true) {
                StringBuilder size = new StringBuilder();
                for (int b = in.read(); b != '\n'; b = in.read()) {
                    if (b < 0) {
                        throw new IOException("connection closed in a chunk");
                    }
                    size.append((char) b);
                }
                int length = Integer.parseInt(size.toString().trim().split(";")[0], 16);
                in.readNBytes(length + 2);
                if (length == 0) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a socket the server already closed
                }
                socket = null;
            }
        }
    }
}
