package stackdriver.pushgateway.persistence;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import stackdriver.pushgateway.store.Group;

/**
 * The groups in one file ({@code gateway.persistence.file}), replaced whole and atomically: the new
 * contents go to {@code <file>.tmp} in the same directory, are fsynced, renamed over the file, and the
 * directory is fsynced, so a crash at any point leaves either the old or the new file.
 *
 * <p>Layout: magic {@code SDPGSNAP}, format, then entries (kind byte, length, payload, CRC-32 of the
 * payload) and an end entry holding the number of entries before it. A file without its end entry was cut
 * short; a checksum mismatch means it was damaged. Both are refused with the byte offset.
 */
public final class SnapshotFile {

    private static final byte[] MAGIC = "SDPGSNAP".getBytes(StandardCharsets.US_ASCII);
    private static final byte GROUP = 'G';
    private static final byte STATE = 'S';
    private static final byte END = 'E';

    private final Path file;
    private final Path temp;

    public SnapshotFile(Path file) {
        this.file = file.toAbsolutePath();
        this.temp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
    }

    public Path path() {
        return file;
    }

    /** The saved contents, or empty when the file does not exist (the first start). */
    public Optional<SnapshotContents> read() {
        InputStream raw;
        long size;
        try {
            raw = Files.newInputStream(file);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CorruptStateException("cannot read snapshot " + file + ": " + e, e);
        }
        return Optional.of(read(raw, size, "snapshot " + file, "The gateway does not start empty over it: move the file"
                + " away to start without the saved groups, or put back a good copy."));
    }

    /**
     * Contents in this file's layout from any stream, which is closed; contents cut short or damaged are refused
     * with {@code source}, the byte offset and {@code advice}.
     *
     * @param size the stream's length when known (no entry is then allocated beyond it), else Long.MAX_VALUE
     */
    public static SnapshotContents read(InputStream raw, long size, String source, String advice) {
        OffsetCountingStream counted = new OffsetCountingStream(new BufferedInputStream(raw, 1 << 16));
        try (DataInputStream in = new DataInputStream(counted)) {
            return readEntries(in, counted, size);
        } catch (EOFException e) {
            throw corrupt(source, counted.offset, "it ends early, it was cut short", advice, e);
        } catch (IOException | RuntimeException e) {
            throw corrupt(source, counted.entryStart, GroupCodec.reason(e), advice, e);
        }
    }

    public synchronized void write(Iterable<Group> groups, Map<String, byte[]> states) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            write(out, groups, states);
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    /** The groups and states in this file's layout, to any stream (a peer replica's copy is sent so). */
    public static void write(DataOutputStream out, Iterable<Group> groups, Map<String, byte[]> states) throws IOException {
        out.write(MAGIC);
        out.writeInt(GroupCodec.FORMAT);
        ByteArrayOutputStream payload = new ByteArrayOutputStream(4096);
        DataOutputStream payloadOut = new DataOutputStream(payload);
        long entries = 0;
        for (Group group : groups) {
            payload.reset();
            GroupCodec.writeGroup(payloadOut, group);
            writeEntry(out, GROUP, payload.toByteArray());
            entries++;
        }
        for (Map.Entry<String, byte[]> state : states.entrySet()) {
            payload.reset();
            GroupCodec.writeString(payloadOut, state.getKey());
            payloadOut.write(state.getValue());
            writeEntry(out, STATE, payload.toByteArray());
            entries++;
        }
        payload.reset();
        payloadOut.writeLong(entries);
        writeEntry(out, END, payload.toByteArray());
        out.flush();
    }

    private static SnapshotContents readEntries(DataInputStream in, OffsetCountingStream counted, long size) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new CorruptStateException("not a snapshot of this gateway (no SDPGSNAP header)");
        }
        int format = in.readInt();
        if (!GroupCodec.readable(format)) {
            throw new CorruptStateException("snapshot format " + format + " is not the format " + GroupCodec.FORMAT
                    + " this version reads");
        }
        Map<String, byte[]> states = new LinkedHashMap<>();
        List<Long> groupOffsets = new ArrayList<>();
        long entries = 0;
        try (ParallelDecoding<Group> groups = new ParallelDecoding<>()) {
            while (true) {
                counted.entryStart = counted.offset;
                byte kind = in.readByte();
                ByteBuffer entry = ByteBuffer.wrap(readPayload(in, size - counted.offset));
                switch (kind) {
                    case GROUP -> {
                        groupOffsets.add(counted.entryStart);
                        groups.submit(() -> GroupCodec.readGroup(entry, format));
                    }
                    case STATE -> {
                        String name = GroupCodec.readString(entry);
                        states.put(name, Arrays.copyOfRange(entry.array(), entry.position(), entry.limit()));
                    }
                    case END -> {
                        long written = entry.getLong();
                        if (written != entries) {
                            throw new CorruptStateException("the end entry counts " + written + " entries, the file has " + entries);
                        }
                        if (in.read() != -1) {
                            throw new CorruptStateException("bytes follow the end entry");
                        }
                        return new SnapshotContents(decoded(groups, groupOffsets, counted), states);
                    }
                    default -> throw new CorruptStateException("unknown entry kind " + kind);
                }
                entries++;
            }
        }
    }

    /** The groups in the file's order; a group that cannot be decoded is named by its entry's offset. */
    private static List<Group> decoded(ParallelDecoding<Group> groups, List<Long> offsets, OffsetCountingStream counted)
            throws IOException {
        List<Group> decoded = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            counted.entryStart = offsets.get(i);
            decoded.add(groups.get(i));
        }
        return decoded;
    }

    /** @param remaining the bytes the file holds after the entry's kind, which a damaged length cannot make it allocate */
    private static byte[] readPayload(DataInputStream in, long remaining) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new CorruptStateException("invalid entry length " + length);
        }
        byte[] payload;
        if (length <= remaining) {
            // one array: readNBytes would read into chunks and copy them, a second copy of the whole file in garbage
            payload = new byte[length];
            in.readFully(payload);
        } else {
            payload = in.readNBytes(length);
        }
        if (payload.length < length) {
            throw new EOFException();
        }
        int crc = in.readInt();
        if (crc != crc32(payload)) {
            throw new CorruptStateException("checksum mismatch, the entry is damaged");
        }
        return payload;
    }

    private static void writeEntry(DataOutputStream out, byte kind, byte[] payload) throws IOException {
        out.writeByte(kind);
        out.writeInt(payload.length);
        out.write(payload);
        out.writeInt(crc32(payload));
    }

    private static int crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** Makes the rename itself durable: without it a power loss can bring back the old directory entry. */
    private void syncDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static CorruptStateException corrupt(String source, long offset, String reason, String advice,
            Throwable cause) {
        return new CorruptStateException(source + " is unreadable at byte " + offset + ": " + reason + ". " + advice,
                cause);
    }

    /** Counts bytes consumed, so that errors can name where in the file they are. */
    private static final class OffsetCountingStream extends FilterInputStream {
        long offset;
        long entryStart;

        OffsetCountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                offset++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                offset += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            offset += skipped;
            return skipped;
        }
    }
}
