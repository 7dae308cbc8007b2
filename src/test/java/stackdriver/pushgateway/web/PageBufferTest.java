package stackdriver.pushgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PageBufferTest {

    @Test
    void bytesWrittenAcrossPiecesComeBackInOrder() {
        byte[] page = new byte[4 * 64 * 1024 + 123];
        new Random(7).nextBytes(page);
        PageBuffer buffer = new PageBuffer();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int offset = 0;
        for (int length : new int[] {1, 65_535, 2, 100_000, 70_000}) {
            buffer.write(page, offset, length);
            expected.write(page, offset, length);
            offset += length;
        }
        buffer.write(page[offset]);
        expected.write(page[offset]);

        Buffer answered = buffer.toBuffer();

        assertThat(answered.length()).isEqualTo(offset + 1);
        assertThat(answered.getBytes()).isEqualTo(expected.toByteArray());
    }

    @Test
    void anEmptyPageIsAnEmptyBuffer() {
        assertThat(new PageBuffer().toBuffer().length()).isZero();
    }
}
