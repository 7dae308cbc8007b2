package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class EntryBuffersTest {

    @Test
    void anEntryLargerThanTheBufferIsReadWholeIntoOneOfItsSize() throws InterruptedIOException {
        EntryBuffers buffers = new EntryBuffers(1);
        byte[] entry = bytes(EntryBuffers.INITIAL_CAPACITY * 3 + 7);

        ByteBuffer read = buffers.take(into(entry));

        assertThat(read.position()).isZero();
        assertThat(Arrays.copyOfRange(read.array(), read.arrayOffset(), read.arrayOffset() + read.limit())).isEqualTo(entry);
    }

    @Test
    void aBufferGivenBackIsTakenAgainUnlessItGrewPastTheSizeKept() throws InterruptedIOException {
        EntryBuffers buffers = new EntryBuffers(1);
        ByteBuffer small = buffers.take(into(bytes(10)));
        buffers.give(small);
        ByteBuffer again = buffers.take(into(bytes(20)));
        assertThat(again).isSameAs(small);
        assertThat(again.limit()).isEqualTo(20);
        buffers.give(again);

        ByteBuffer large = buffers.take(into(bytes(EntryBuffers.KEPT_CAPACITY + 1)));
        buffers.give(large);

        assertThat(buffers.take(into(bytes(1))).capacity()).isEqualTo(EntryBuffers.INITIAL_CAPACITY);
    }

    /** Reads as RocksDB's iterator does: what fits from the buffer's position, and the entry's whole size. */
    private static ToIntFunction<ByteBuffer> into(byte[] entry) {
        return buffer -> {
            int fits = Math.min(entry.length, buffer.remaining());
            buffer.put(buffer.position(), entry, 0, fits);
            buffer.limit(buffer.position() + fits);
            return entry.length;
        };
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }
}
