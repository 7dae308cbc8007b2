package stackdriver.pushgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyFramedOutputStream;
import org.junit.jupiter.api.Test;

/** {@code Content-Encoding: snappy} (Pushgateway 1.6): the framing format as it reads it, and single blocks. */
public class SnappyBodyTest {

    public static byte[] framed(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnappyFramedOutputStream snappy = new SnappyFramedOutputStream(out)) {
            snappy.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static byte[] block(String text) {
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        SnappyCompressor compressor = new SnappyCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(input.length)];
        int length = compressor.compress(input, 0, input.length, out, 0, out.length);
        return Arrays.copyOf(out, length);
    }

    private static String decode(byte[] body, String encoding, long limit) {
        return new String(BodyDecoder.decode(body, encoding, limit), StandardCharsets.UTF_8);
    }

    @Test
    void theFramingFormatIsDecodedWhole() throws IOException {
        String text = "# TYPE a counter\na 1\n".repeat(10_000);
        assertThat(decode(framed(text), "snappy", 1 << 20)).isEqualTo(text);
        assertThat(decode(framed("b 2\n"), "Snappy", 1 << 20)).as("the token in any case, as 1.6+").isEqualTo("b 2\n");
        assertThat(decode(new byte[0], "snappy", 1 << 20)).as("an empty push").isEmpty();
    }

    @Test
    void aSingleBlockIsDecodedToo() {
        String text = "c 3\n".repeat(1000);
        assertThat(decode(block(text), "snappy", 1 << 20)).isEqualTo(text);
    }

    @Test
    void moreThanTheLimitIs413InEitherForm() throws IOException {
        String text = "x".repeat(5000);
        for (byte[] body : new byte[][] {framed(text), block(text)}) {
            assertThatThrownBy(() -> decode(body, "snappy", 4999))
                    .isInstanceOfSatisfying(PushRejectedException.class, e -> assertThat(e.status()).isEqualTo(413))
                    .hasMessageContaining("limit gateway.limits.body-size");
            assertThat(decode(body, "snappy", 5000)).hasSize(5000);
        }
    }

    @Test
    void aCorruptBodyIs400SayingSo() throws IOException {
        byte[] corruptFrame = framed("d 4\n".repeat(100));
        corruptFrame[corruptFrame.length - 3] ^= 0x55;
        byte[] notSnappy = "d 4\n".getBytes(StandardCharsets.UTF_8);
        for (byte[] body : new byte[][] {corruptFrame, notSnappy, {(byte) 0xff, (byte) 0xff, (byte) 0xff}}) {
            assertThatThrownBy(() -> decode(body, "snappy", 1 << 20))
                    .isInstanceOfSatisfying(PushRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("body is not valid snappy");
        }
    }
}
