package stackdriver.pushgateway.push;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Undoes {@code Content-Encoding: gzip} (exactly that token, as the reference), within the body size limit. */
final class BodyDecoder {

    private BodyDecoder() {
    }

    static byte[] decode(byte[] body, String contentEncoding, long limit) {
        if (!"gzip".equals(contentEncoding)) {
            return body;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 64 * 1024)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, body.length * 4));
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new PushRejectedException(413, "decompressed body is larger than " + limit
                            + " bytes (limit gateway.limits.body-size)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new PushRejectedException(400, "body is not valid gzip: " + e.getMessage());
        }
    }
}
