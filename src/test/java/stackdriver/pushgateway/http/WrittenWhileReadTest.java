package stackdriver.pushgateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.Poll;

class WrittenWhileReadTest {

    /** 8 MB: more than the pipe holds, so the writer waits for the reader along the way. */
    private static final int SIZE = 8 << 20;

    private static void write(java.io.OutputStream out, int bytes) throws IOException {
        for (int i = 0; i < bytes; i++) {
            out.write(i * 7);
        }
    }

    @Test
    void theReaderGetsEveryByteTheWriterWrote() throws IOException {
        try (InputStream in = WrittenWhileRead.of("test-writer", out -> write(out, SIZE))) {
            byte[] read = in.readAllBytes();

            assertThat(read).hasSize(SIZE);
            for (int i = 0; i < SIZE; i += 4099) {
                assertThat(read[i]).isEqualTo((byte) (i * 7));
            }
        }
    }

    @Test
    void aWriterThatFailsMidwayGivesTheReaderAnErrorNotAShortBodyThatLooksWhole() throws IOException {
        try (InputStream in = WrittenWhileRead.of("test-writer", out -> {
            write(out, SIZE / 2);
            throw new IOException("the store went away");
        })) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageContaining("could not be written whole").hasMessageContaining("the store went away");
        }
    }

    @Test
    void aReaderThatStopsEndsTheWriter() throws Exception {
        AtomicReference<Thread> writer = new AtomicReference<>();
        InputStream in = WrittenWhileRead.of("test-writer", out -> {
            writer.set(Thread.currentThread());
            write(out, SIZE);
        });
        assertThat(in.readNBytes(1000)).hasSize(1000);

        in.close();

        Poll.until("the writer's thread ends", Duration.ofSeconds(10), () -> writer.get() != null && !writer.get().isAlive());
    }
}
