package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;

class SnapshotFileTest {

    @TempDir
    Path dir;

    private static final Group BATCH = Groups.everyKind(GroupingKey.of("job", "batch"));
    private static final Group EMPTY = Group.empty(GroupingKey.of("job", "empty", "instance", "x"));

    @Test
    void writtenGroupsAndStatesAreReadBack() throws IOException {
        SnapshotFile file = new SnapshotFile(dir.resolve("state.bin"));
        file.write(List.of(BATCH, EMPTY), Map.of("export", new byte[] {1, 2, 3}));

        SnapshotContents contents = file.read().orElseThrow();

        Groups.assertSameGroups(contents.groups(), BATCH, EMPTY);
        assertThat(contents.states()).containsOnlyKeys("export");
        assertThat(contents.states().get("export")).containsExactly(1, 2, 3);
    }

    @Test
    void aMissingFileIsAFirstStart() {
        assertThat(new SnapshotFile(dir.resolve("absent.bin")).read()).isEmpty();
    }

    @Test
    void theParentDirectoryIsCreated() throws IOException {
        SnapshotFile file = new SnapshotFile(dir.resolve("a/b/state.bin"));
        file.write(List.of(EMPTY), Map.of());

        assertThat(file.read().orElseThrow().groups()).containsExactly(EMPTY);
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldSnapshot() throws IOException {
        Path path = dir.resolve("state.bin");
        SnapshotFile file = new SnapshotFile(path);
        file.write(List.of(EMPTY), Map.of());
        // what a crash between writing the temporary file and renaming it leaves behind
        Files.write(dir.resolve("state.bin.tmp"), Arrays.copyOf(Files.readAllBytes(path), 11));

        assertThat(file.read().orElseThrow().groups()).containsExactly(EMPTY);

        file.write(List.of(BATCH), Map.of());
        Groups.assertSameGroups(file.read().orElseThrow().groups(), BATCH);
        assertThat(dir.resolve("state.bin.tmp")).doesNotExist();
    }

    @Test
    void aTruncatedFileIsRefusedNamingTheFileAndOffset() throws IOException {
        Path path = dir.resolve("state.bin");
        new SnapshotFile(path).write(List.of(BATCH, EMPTY), Map.of());
        byte[] whole = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(whole, whole.length - 20));

        assertThatThrownBy(() -> new SnapshotFile(path).read())
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining(path.toAbsolutePath().toString())
                .hasMessageContaining("at byte " + (whole.length - 20))
                .hasMessageContaining("cut short");
    }

    @Test
    void aDamagedByteIsRefusedByItsChecksum() throws IOException {
        Path path = dir.resolve("state.bin");
        new SnapshotFile(path).write(List.of(BATCH, EMPTY), Map.of());
        byte[] bytes = Files.readAllBytes(path);
        bytes[100] ^= 0x01;
        Files.write(path, bytes);

        assertThatThrownBy(() -> new SnapshotFile(path).read())
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining(path.toAbsolutePath().toString())
                .hasMessageContaining("at byte 12:")
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void aFileOfSomethingElseIsRefused() throws IOException {
        Path path = dir.resolve("state.bin");
        Files.writeString(path, "job=batch value=1\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new SnapshotFile(path).read())
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("no SDPGSNAP header");
    }

    @Test
    void anEmptyFileIsRefusedRatherThanTakenForNoGroups() throws IOException {
        Path path = dir.resolve("state.bin");
        Files.write(path, new byte[0]);

        assertThatThrownBy(() -> new SnapshotFile(path).read())
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("at byte 0");
    }
}
