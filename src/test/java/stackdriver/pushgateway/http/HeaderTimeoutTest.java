package stackdriver.pushgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * A client that trickles its request line and headers is answered 408 and closed after gateway.web.header-timeout;
 * a client that waits between complete requests, or trickles a body, is not.
 */
class HeaderTimeoutTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofSeconds(4);
    /** A byte this often, as the attack sends them: each one would reset the idle timeout. */
    private static final Duration TRICKLE = Duration.ofMillis(200);
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start("gateway.web.header-timeout", HEADER_TIMEOUT.toSeconds() + "s");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5000);
        return socket;
    }

    private record Trickled(int bytesSent, String answer, boolean closed, Duration after) {
    }

    /**
     * Sends {@code head} at once, then {@code trickled} a byte every {@link #TRICKLE}, reading what the server
     * answers between bytes, until the server closes the connection or {@code deadline} has passed.
     */
    private static Trickled trickle(Socket socket, String head, String trickled, Duration deadline) throws IOException {
        long start = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = trickled.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        socket.setSoTimeout((int) TRICKLE.toMillis());
        int sent = 0;
        while (System.nanoTime() - start < deadline.toNanos()) {
            if (sent < bytes.length) {
                try {
                    out.write(bytes[sent]);
                    out.flush();
                    sent++;
                } catch (IOException closed) {
                    return new Trickled(sent, answer.toString(StandardCharsets.US_ASCII), true, Duration.ofNanos(System.nanoTime() - start));
                }
            }
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    return new Trickled(sent, answer.toString(StandardCharsets.US_ASCII), true, Duration.ofNanos(System.nanoTime() - start));
                }
                answer.write(buffer, 0, read);
            } catch (SocketTimeoutException nothingYet) {
                // the pace of the trickle: the next byte
            } catch (IOException reset) {
                return new Trickled(sent, answer.toString(StandardCharsets.US_ASCII), true, Duration.ofNanos(System.nanoTime() - start));
            }
        }
        return new Trickled(sent, answer.toString(StandardCharsets.US_ASCII), false, deadline);
    }

    /** Reads one answer: its head, then its body by Content-Length or by chunks. */
    private static String readAnswer(InputStream in) throws IOException {
        String head = readLine(in, "\r\n\r\n");
        String lower = head.toLowerCase();
        if (lower.contains("transfer-encoding: chunked")) {
            StringBuilder body = new StringBuilder();
            for (int size; (size = Integer.parseInt(readLine(in, "\r\n").trim(), 16)) > 0; ) {
                body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                readLine(in, "\r\n");
            }
            readLine(in, "\r\n");
            return head + body;
        }
        int at = lower.indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in, String end) throws IOException {
        StringBuilder line = new StringBuilder();
        while (!line.toString().endsWith(end)) {
            int b = in.read();
            assertThat(b).as("the answer so far: " + line).isNotNegative();
            line.append((char) b);
        }
        return line.toString();
    }

    @Test
    void aClientTricklingItsHeadersIsAnswered408AndClosedAfterTheHeaderTimeout() throws Exception {
        String request = "GET /-/healthy HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(60) + "\r\n\r\n";
        try (Socket socket = connect()) {
            Trickled trickled = trickle(socket, "", request, HEADER_TIMEOUT.plus(MARGIN));

            assertThat(trickled.closed()).as("closed within " + HEADER_TIMEOUT.plus(MARGIN)).isTrue();
            assertThat(trickled.bytesSent()).as("headers sent before the close").isLessThan(request.length());
            assertThat(trickled.after()).isGreaterThanOrEqualTo(HEADER_TIMEOUT);
            assertThat(trickled.answer()).startsWith("HTTP/1.1 408 ");
        }
    }

    @Test
    void aKeptAliveConnectionTricklingItsNextRequestsHeadersIsClosedAfterTheHeaderTimeout() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 ");

            Trickled trickled = trickle(socket, "", "GET /-/healthy HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(60),
                    HEADER_TIMEOUT.plus(MARGIN));

            assertThat(trickled.closed()).as("closed within " + HEADER_TIMEOUT.plus(MARGIN)).isTrue();
            assertThat(trickled.after()).isGreaterThanOrEqualTo(HEADER_TIMEOUT);
            assertThat(trickled.answer()).startsWith("HTTP/1.1 408 ");
        }
    }

    @Test
    void aKeptAliveClientMayWaitLongerThanTheHeaderTimeoutBetweenCompleteRequests() throws Exception {
        try (Socket socket = connect()) {
            for (int request = 0; request < 3; request++) {
                socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.setSoTimeout(10_000);
                assertThat(readAnswer(socket.getInputStream())).as("answer " + request).startsWith("HTTP/1.1 200 ");

                // twice the header timeout with nothing sent: still open (the idle timeout is a minute)
                socket.setSoTimeout((int) HEADER_TIMEOUT.multipliedBy(2).toMillis());
                assertThat(nothingArrives(socket)).as("open after answer " + request).isTrue();
            }
        }
    }

    /** True when the server neither answers nor closes within the socket's read timeout. */
    private static boolean nothingArrives(Socket socket) throws IOException {
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException stillOpen) {
            return true;
        }
    }

    @Test
    void aBodyTrickledAfterCompleteHeadersIsNotCutByTheHeaderTimeout() throws Exception {
        String body = "slow_body_metric 42\n";
        String head = "PUT /metrics/job/slow_body HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: text/plain; version=0.0.4\r\nContent-Length: " + body.length() + "\r\n\r\n";
        try (Socket socket = connect()) {
            // twenty bytes, one each 200 ms: four header timeouts
            Trickled trickled = trickle(socket, head, body, Duration.ofSeconds(30));

            assertThat(trickled.bytesSent()).isEqualTo(body.length());
            assertThat(trickled.answer()).startsWith("HTTP/1.1 200 ");
            assertThat(trickled.after()).isGreaterThan(HEADER_TIMEOUT.multipliedBy(2));
        }
        assertThat(gateway.metricsPage()).contains("slow_body_metric{instance=\"\",job=\"slow_body\"} 42");
    }
}
