package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.CollectedLog;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * Journal mode on a real filesystem that fills: a small tmpfs (the tests run as root, as CI does). Skipped, saying
 * why, where mounting is not allowed.
 */
class JournalFullDiskTest {

    private static final int REFUSED_PUSHES = 30;

    @TempDir
    Path dir;
    private Path volume;
    private int lastAcknowledged;
    private final CollectedLog log = new CollectedLog("", Level.WARNING);
    private final List<LogRecord> warnings = log.records();

    @BeforeEach
    void mountSmallVolume() throws Exception {
        volume = Files.createDirectory(dir.resolve("volume"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", volume.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor() == 0,
                "cannot mount a 16 MB tmpfs to fill (the test needs root, as CI has): " + output.strip());
        log.start();
    }

    @AfterEach
    void unmount() throws Exception {
        log.stop();
        new ProcessBuilder("umount", "-l", volume.toString()).inheritIO().start().waitFor();
    }

    @Test
    void aFullDiskRefusesPushesWith503AndNotReadyThenRecoversByItselfLosingNothingAcknowledged() throws Exception {
        String[] settings = {"gateway.persistence.file", volume.resolve("journal").toString(),
                "gateway.persistence.mode", "journal", "gateway.export.interval", "1h"};
        Path filler = volume.resolve("filler");
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            for (int i = 0; i < 5; i++) {
                assertThat(gateway.send("PUT", "/metrics/job/before" + i, "seq " + i + "\n").statusCode()).isEqualTo(200);
            }
            fill(filler);
            warnings.clear();
            // RocksDB may have set space aside for its log: push until that is used up too
            HttpResponse<String> refused = null;
            for (int seq = 1; seq <= 2_000 && refused == null; seq++) {
                HttpResponse<String> answer = gateway.send("PUT", "/metrics/job/filling", largeBody(seq));
                if (answer.statusCode() == 200) {
                    lastAcknowledged = seq;
                } else {
                    refused = answer;
                }
            }
            assertThat(refused).as("a push refused once the volume is full").isNotNull();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("journal").contains("No space left on device");
            for (int i = 1; i < REFUSED_PUSHES; i++) {
                assertThat(gateway.send("PUT", "/metrics/job/before0", "seq 100\n").statusCode()).isEqualTo(503);
            }
            assertThat(gateway.send("DELETE", "/metrics/job/before1", null).statusCode()).isEqualTo(503);
            HttpResponse<String> ready = gateway.send("GET", "/-/ready", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("No space left on device");
            assertThat(gateway.send("PUT", "/metrics/job/during", "seq 1\n").statusCode()).isEqualTo(503);
            assertThat(gateway.gateway().store().group(GroupingKey.of("job", "during"))).as("a refused new group").isNull();
            assertFilling(gateway, "the group the first refused push would change");
            assertThat(Groups.gaugeValue(gateway.gateway().store().group(GroupingKey.of("job", "before0")), "seq"))
                    .as("a group a refused push would change").isEqualTo(0);
            assertThat(gateway.gateway().store().group(GroupingKey.of("job", "before1"))).as("a refused delete").isNotNull();

            Files.delete(filler);
            Poll.until("/-/ready answers 200 again", Duration.ofSeconds(30),
                    () -> gateway.send("GET", "/-/ready", null).statusCode() == 200);
            assertThat(gateway.send("PUT", "/metrics/job/after", "seq 7\n").statusCode()).isEqualTo(200);
            assertThat(gateway.send("PUT", "/metrics/job/before0", "seq 100\n").statusCode()).isEqualTo(200);
            assertThat(gateway.send("DELETE", "/metrics/job/before4", null).statusCode()).isEqualTo(202);
            assertThat(warnings).as("warnings and errors logged for %d refused requests", REFUSED_PUSHES + 1)
                    .hasSizeLessThanOrEqualTo(2)
                    .anyMatch(record -> record.getMessage().contains("cannot write") || String.valueOf(
                            record.getParameters() == null ? "" : List.of(record.getParameters())).contains("cannot write"));
        }

        try (RunningGateway restarted = RunningGateway.start(settings)) {
            var store = restarted.gateway().store();
            assertThat(Groups.gaugeValue(store.group(GroupingKey.of("job", "before0")), "seq")).isEqualTo(100);
            for (int i = 1; i < 4; i++) {
                assertThat(Groups.gaugeValue(store.group(GroupingKey.of("job", "before" + i)), "seq")).isEqualTo(i);
            }
            assertThat(store.group(GroupingKey.of("job", "before4"))).as("deleted after recovery").isNull();
            assertThat(Groups.gaugeValue(store.group(GroupingKey.of("job", "after")), "seq")).isEqualTo(7);
            assertThat(store.group(GroupingKey.of("job", "during"))).as("refused while full").isNull();
            assertFilling(restarted, "the last acknowledged push of the filling group");
        }
    }

    private void assertFilling(RunningGateway gateway, String what) {
        var group = gateway.gateway().store().group(GroupingKey.of("job", "filling"));
        if (lastAcknowledged == 0) {
            assertThat(group).as(what).isNull();
        } else {
            assertThat(Groups.gaugeValue(group, "seq")).as(what).isEqualTo(lastAcknowledged);
        }
    }

    private static String largeBody(int seq) {
        StringBuilder body = new StringBuilder("seq ").append(seq).append('\n');
        for (int i = 0; i < 500; i++) {
            body.append("padding{series=\"").append(i).append("\"} ").append(seq).append('\n');
        }
        return body.toString();
    }

    /** Writes until the volume has no space left. */
    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
    }
}
