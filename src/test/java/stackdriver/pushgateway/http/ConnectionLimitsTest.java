package stackdriver.pushgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.RunningGateway;

/** Idle connections and too many connections are closed; the reference keeps them all. */
class ConnectionLimitsTest {
    private static final int MAX_CONNECTIONS = 20;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start("gateway.web.idle-timeout", "2s");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** True when the server closes the connection within the deadline. */
    private static boolean closedWithin(Socket socket, Duration deadline) throws IOException {
        socket.setSoTimeout((int) deadline.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an answer may come first; the close follows it
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = gateway.connect()) {
            assertThat(closedWithin(socket, Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void aConnectionIdleAfterItsRequestIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = gateway.connect()) {
            socket.getOutputStream().write("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            byte[] answer = new byte[12];
            assertThat(socket.getInputStream().readNBytes(answer, 0, 12)).isEqualTo(12);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            assertThat(closedWithin(socket, Duration.ofSeconds(15))).isTrue();
        }
    }

    @Test
    void connectionsPastTheCapAreClosedAndRequestsGoOnAfterwards() throws Exception {
        try (RunningGateway capped = RunningGateway.start("gateway.web.max-connections", Integer.toString(MAX_CONNECTIONS))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < MAX_CONNECTIONS + 5; i++) {
                    Socket socket = capped.connect();
                    // a connection counts once its first request's headers are in
                    socket.getOutputStream().write("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    held.add(socket);
                }
                int closed = 0;
                for (Socket socket : held) {
                    closed += closedWithin(socket, Duration.ofMillis(300)) ? 1 : 0;
                }
                assertThat(closed).as("connections past the cap of " + MAX_CONNECTIONS).isEqualTo(5);
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            // the server learns of the closes as they come: until then a new connection may still be one too many
            stackdriver.pushgateway.support.Poll.until("requests are served again", Duration.ofSeconds(15), () -> {
                try {
                    return capped.send("PUT", "/metrics/job/after_cap", "a 1\n").statusCode() == 200;
                } catch (IOException closedStill) {
                    return false;
                }
            });
        }
    }
}
