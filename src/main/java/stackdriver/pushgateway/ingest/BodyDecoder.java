package stackdriver.pushgateway.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Undoes {@code Content-Encoding: gzip} (exactly that token, as the reference), within the body size limit. */
final class BodyDecoder {

    /** Metrics text compresses about tenfold; a size announced beyond this ratio is not trusted up front. */
    private static final int MOST_TRUSTED_RATIO = 64;

    private BodyDecoder() {
    }

    static byte[] decode(byte[] body, String contentEncoding, long limit) {
        if (!"gzip".equals(contentEncoding)) {
            return body;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 64 * 1024)) {
            byte[] out = new byte[initialSize(body, limit)];
            long total = 0;
            while (true) {
                if (total == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, out.length * 2L)));
                }
                int n = in.read(out, (int) total, (int) Math.min(out.length - total, 64 * 1024));
                if (n <= 0) {
                    break;
                }
                total += n;
                if (total > limit) {
                    throw new PushRejectedException(413, "decompressed body is larger than " + limit
                            + " bytes (limit gateway.limits.body-size)");
                }
            }
            return total == out.length ? out : Arrays.copyOf(out, (int) total);
        } catch (IOException e) {
            throw new PushRejectedException(400, "body is not valid gzip: " + e.getMessage());
        }
    }

    /**
     * The uncompressed size the gzip trailer announces (its last 4 bytes, modulo 2^32), within the limit and
     * a plausible ratio: a large push then lands in one array, without growing and copying one.
     */
    private static int initialSize(byte[] body, long limit) {
        long announced = 1024;
        if (body.length >= 4) {
            int at = body.length - 4;
            announced = (body[at] & 0xffL) | (body[at + 1] & 0xffL) << 8 | (body[at + 2] & 0xffL) << 16
                    | (body[at + 3] & 0xffL) << 24;
        }
        long most = Math.min(limit + 1, (long) body.length * MOST_TRUSTED_RATIO);
        return (int) Math.max(1024, Math.min(Math.min(announced, most), Integer.MAX_VALUE - 8));
    }
}
