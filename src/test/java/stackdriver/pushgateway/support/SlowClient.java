package stackdriver.pushgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client that sends a request a byte at a time, as an attack on the server's connections does. */
public final class SlowClient {
    /** A byte this often: each one would reset an idle timeout. */
    public static final Duration PACE = Duration.ofMillis(200);

    private SlowClient() {
    }

    /**
     * @param bytesSent of the trickled part
     * @param answer    what the server sent before it closed, or before the deadline
     * @param closed    whether the server closed the connection before the deadline
     * @param after     the time from the first byte to the close, or the deadline
     */
    public record Trickled(int bytesSent, String answer, boolean closed, Duration after) {
    }

    /**
     * Sends {@code head} at once, then {@code trickled} a byte every {@link #PACE}, reading what the server answers
     * between bytes (the read's timeout is the pace), until the server closes the connection or the deadline passes.
     */
    public static Trickled trickle(Socket socket, String head, String trickled, Duration deadline) throws IOException {
        long start = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] bytes = trickled.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        socket.setSoTimeout((int) PACE.toMillis());
        int sent = 0;
        while (System.nanoTime() - start < deadline.toNanos()) {
            try {
                if (sent < bytes.length) {
                    out.write(bytes[sent]);
                    out.flush();
                    sent++;
                }
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                answer.write(buffer, 0, read);
            } catch (SocketTimeoutException nothingYet) {
                // the pace of the trickle: the next byte
            } catch (IOException reset) {
                break;
            }
        }
        Duration after = Duration.ofNanos(System.nanoTime() - start);
        boolean closed = after.compareTo(deadline) < 0;
        return new Trickled(sent, answer.toString(StandardCharsets.US_ASCII), closed, closed ? after : deadline);
    }
}
