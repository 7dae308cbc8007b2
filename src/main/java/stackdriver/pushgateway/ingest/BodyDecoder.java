package stackdriver.pushgateway.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.snappy.SnappyFramedInputStream;

/**
 * Undoes {@code Content-Encoding: gzip} or {@code snappy} (either case, as the Pushgateway since 1.6), within the
 * body size limit. Snappy is read in its framing format, as the Pushgateway reads it (Go's {@code snappy.NewReader});
 * a body that does not start with the framing format's stream identifier is read as one snappy block, as
 * Prometheus' remote write sends it.
 */
final class BodyDecoder {

    /** Metrics text compresses about tenfold; a size announced beyond this ratio is not trusted up front. */
    private static final int MOST_TRUSTED_RATIO = 64;
    /** The framing format's first chunk: type 0xff, length 6, "sNaPpY". */
    private static final byte[] SNAPPY_STREAM_IDENTIFIER = {(byte) 0xff, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'};

    private BodyDecoder() {
    }

    /** The encoding {@link #decode} undoes, in lower case; null for a body read as it is. */
    static String undone(String contentEncoding) {
        String encoding = contentEncoding == null ? "" : contentEncoding.toLowerCase(Locale.ROOT);
        return encoding.equals("gzip") || encoding.equals("snappy") ? encoding : null;
    }

    static byte[] decode(byte[] body, String contentEncoding, long limit) {
        String encoding = contentEncoding == null ? "" : contentEncoding.toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "gzip" -> gunzip(body, limit);
            // an empty body is an empty push, as the reference's reader ends at once
            case "snappy" -> body.length == 0 ? body
                    : isFramedSnappy(body) ? unsnappyFramed(body, limit) : unsnappyBlock(body, limit);
            default -> body;
        };
    }

    private static byte[] gunzip(byte[] body, long limit) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 64 * 1024)) {
            return readWithin(in, gzipAnnouncedSize(body, limit), limit);
        } catch (IOException e) {
            throw new PushRejectedException(400, "body is not valid gzip: " + e.getMessage());
        }
    }

    private static byte[] unsnappyFramed(byte[] body, long limit) {
        try (InputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(body), true)) {
            return readWithin(in, (int) Math.min(limit + 1, Math.max(1024, body.length * 4L)), limit);
        } catch (IOException | MalformedInputException e) {
            throw new PushRejectedException(400, "body is not valid snappy (framing format): " + e.getMessage());
        }
    }

    private static byte[] unsnappyBlock(byte[] body, long limit) {
        try {
            int length = SnappyDecompressor.getUncompressedLength(body, 0);
            if (length > limit) {
                throw tooLarge(limit);
            }
            byte[] out = new byte[length];
            int written = new SnappyDecompressor().decompress(body, 0, body.length, out, 0, length);
            if (written != length) {
                throw new PushRejectedException(400, "body is not valid snappy: " + written + " bytes decoded, "
                        + length + " announced");
            }
            return out;
        } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PushRejectedException(400, "body is not valid snappy: " + e.getMessage());
        }
    }

    private static boolean isFramedSnappy(byte[] body) {
        return body.length >= SNAPPY_STREAM_IDENTIFIER.length
                && Arrays.equals(body, 0, SNAPPY_STREAM_IDENTIFIER.length, SNAPPY_STREAM_IDENTIFIER, 0,
                        SNAPPY_STREAM_IDENTIFIER.length);
    }

    /** Reads the whole stream into one array, refusing it as soon as it passes the limit. */
    private static byte[] readWithin(InputStream in, int initialSize, long limit) throws IOException {
        byte[] out = new byte[initialSize];
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
                throw tooLarge(limit);
            }
        }
        return total == out.length ? out : Arrays.copyOf(out, (int) total);
    }

    private static PushRejectedException tooLarge(long limit) {
        return new PushRejectedException(413, "decompressed body is larger than " + limit
                + " bytes (limit gateway.limits.body-size)");
    }

    /**
     * The uncompressed size the gzip trailer announces (its last 4 bytes, modulo 2^32), within the limit and
     * a plausible ratio: a large push then lands in one array, without growing and copying one.
     */
    private static int gzipAnnouncedSize(byte[] body, long limit) {
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
