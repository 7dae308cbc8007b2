package stackdriver.pushgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.RunningGateway;
import stackdriver.pushgateway.support.SlowClient;
import stackdriver.pushgateway.support.SlowClient.Trickled;

/**
 * A client that trickles its request line and headers is answered 408 and closed after gateway.web.header-timeout;
 * a client that waits between complete requests, or trickles a body, is not.
 */
class HeaderTimeoutTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start("gateway.web.header-timeout", HEADER_TIMEOUT.toSeconds() + "s");
    }

    @AfterAll
    static void stop() {
        gateway.close();
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
        try (Socket socket = gateway.connect()) {
            Trickled trickled = SlowClient.trickle(socket, "", request, HEADER_TIMEOUT.plus(MARGIN));

            assertThat(trickled.closed()).as("closed within " + HEADER_TIMEOUT.plus(MARGIN)).isTrue();
            assertThat(trickled.bytesSent()).as("headers sent before the close").isLessThan(request.length());
            assertThat(trickled.after()).isGreaterThanOrEqualTo(HEADER_TIMEOUT);
            assertThat(trickled.answer()).startsWith("HTTP/1.1 408 ");
        }
    }

    @Test
    void aKeptAliveConnectionTricklingItsNextRequestsHeadersIsClosedAfterTheHeaderTimeout() throws Exception {
        try (Socket socket = gateway.connect()) {
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 ");

            Trickled trickled = SlowClient.trickle(socket, "", "GET /-/healthy HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(60),
                    HEADER_TIMEOUT.plus(MARGIN));

            assertThat(trickled.closed()).as("closed within " + HEADER_TIMEOUT.plus(MARGIN)).isTrue();
            assertThat(trickled.after()).isGreaterThanOrEqualTo(HEADER_TIMEOUT);
            assertThat(trickled.answer()).startsWith("HTTP/1.1 408 ");
        }
    }

    @Test
    void aKeptAliveClientMayWaitLongerThanTheHeaderTimeoutBetweenCompleteRequests() throws Exception {
        try (Socket socket = gateway.connect()) {
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
        try (Socket socket = gateway.connect()) {
            // twenty bytes, one each 200 ms: four header timeouts
            Trickled trickled = SlowClient.trickle(socket, head, body, Duration.ofSeconds(30));

            assertThat(trickled.bytesSent()).isEqualTo(body.length());
            assertThat(trickled.answer()).startsWith("HTTP/1.1 200 ");
            assertThat(trickled.after()).isGreaterThan(HEADER_TIMEOUT.multipliedBy(2));
        }
        assertThat(gateway.metricsPage()).contains("slow_body_metric{instance=\"\",job=\"slow_body\"} 42");
    }
}
