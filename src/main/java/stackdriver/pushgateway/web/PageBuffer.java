package stackdriver.pushgateway.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A page written in 64 KiB pieces and answered as one Vert.x buffer over them, without joining them. A page of
 * 1,000,000 series is 78 MB: grown in a {@code ByteArrayOutputStream} it went through arrays of up to 128 MB and
 * was copied twice more at 78 MB, arrays too large for the young generation, so each {@code GET /metrics} left
 * about 400 MB in the old one, and a full collection of the whole store followed later (while the gateway
 * exported 1,000,000 series, one a minute).
 */
final class PageBuffer extends OutputStream {
    private static final int PIECE_SIZE = 64 * 1024;

    private final List<byte[]> filled = new ArrayList<>();
    private byte[] piece = new byte[PIECE_SIZE];
    private int used;

    @Override
    public void write(int b) {
        if (used == piece.length) {
            nextPiece();
        }
        piece[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (used == piece.length) {
                nextPiece();
            }
            int n = Math.min(length, piece.length - used);
            System.arraycopy(bytes, offset, piece, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    private void nextPiece() {
        filled.add(piece);
        piece = new byte[PIECE_SIZE];
        used = 0;
    }

    /** The bytes written so far, shared, not copied: write nothing more once this is answered. */
    Buffer toBuffer() {
        ByteBuf[] pieces = new ByteBuf[filled.size() + 1];
        for (int i = 0; i < filled.size(); i++) {
            pieces[i] = Unpooled.wrappedBuffer(filled.get(i));
        }
        pieces[filled.size()] = Unpooled.wrappedBuffer(piece, 0, used);
        return Buffer.buffer(Unpooled.wrappedBuffer(pieces.length, pieces));
    }
}
