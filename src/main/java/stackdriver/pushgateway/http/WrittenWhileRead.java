package stackdriver.pushgateway.http;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An answer's body written by a thread of its own while the answer is sent, so that a large body is never held whole
 * in memory (a writer's snapshot of 1,000,000 series is 130 MB; built in an array, it was that and the array's
 * copies as it grew). Camel sends an {@link InputStream} body as it reads it. When the writer fails, the reader gets
 * an {@link IOException} rather than a short body that looks whole; when the reader stops (the client went away),
 * the writer's next write fails and its thread ends.
 */
public final class WrittenWhileRead {

    /** Writes the whole body to {@code out}. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int PIPE_BYTES = 1 << 20;

    private WrittenWhileRead() {
    }

    public static InputStream of(String threadName, Writer writer) throws IOException {
        PipedInputStream pipe = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream into = new PipedOutputStream(pipe);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                OutputStream out = new BufferedOutputStream(into, 1 << 16);
                writer.writeTo(out);
                out.flush();
            } catch (IOException | RuntimeException e) {
                failure.set(e);
            } finally {
                // after a failure is set: the reader that reaches the end sees it
                try {
                    into.close();
                } catch (IOException ignored) {
                    // the reader closed it
                }
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return new FilterInputStream(pipe) {
            @Override
            public int read() throws IOException {
                return checked(super.read());
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return checked(super.read(bytes, offset, length));
            }

            private int checked(int read) throws IOException {
                Throwable failed = failure.get();
                if (read < 0 && failed != null) {
                    throw new IOException("the body could not be written whole: " + failed, failed);
                }
                return read;
            }
        };
    }
}
