package stackdriver.pushgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String decode(byte[] body, long limit) {
        return new String(BodyDecoder.decode(body, "gzip", limit), StandardCharsets.UTF_8);
    }

    @Test
    void aBodyIsDecodedWhole() throws IOException {
        String text = "some_metric{a=\"1\"} 1\n".repeat(20000);
        assertThat(decode(gzip(text), 1 << 20)).isEqualTo(text);
        assertThat(decode(gzip(""), 1 << 20)).isEmpty();
    }

    @Test
    void concatenatedMembersAreDecodedWholeThoughTheTrailerGivesOnlyTheLastOnesSize() throws IOException {
        String first = "a 1\n".repeat(50000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(gzip(first));
        body.writeBytes(gzip("b 2\n"));
        assertThat(decode(body.toByteArray(), 1 << 20)).isEqualTo(first + "b 2\n");
    }

    @Test
    void moreThanTheLimitIs413() throws IOException {
        assertThatThrownBy(() -> decode(gzip("x".repeat(5000)), 4999))
                .isInstanceOf(PushRejectedException.class)
                .hasMessage("decompressed body is larger than 4999 bytes (limit gateway.limits.body-size)");
        assertThat(decode(gzip("x".repeat(5000)), 5000)).hasSize(5000);
    }
}
