package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.MetricStore;

class JournalKillTest {

    private static final int PUSHERS = 4;
    private static final int ACKS_BEFORE_KILL = 400;

    @TempDir
    Path dir;

    @Test
    void sigkillLosesNoAcknowledgedPush() throws Exception {
        Path journalDir = dir.resolve("journal");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JournalPusher.class.getName(),
                journalDir.toString(), Integer.toString(PUSHERS))
                .redirectError(dir.resolve("pusher.err").toFile())
                .start();
        Map<String, Long> lastAcked = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    String[] words = line.split(" ");
                    // a line cut by the kill holds a prefix of the value, which is smaller and so still safe
                    if (words.length == 3 && words[0].equals("ack") && !words[2].isEmpty()) {
                        lastAcked.merge(words[1], Long.parseLong(words[2]), Math::max);
                        acks.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                // the stream ends when the child dies
            }
        });
        reader.start();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (acks.get() < ACKS_BEFORE_KILL && child.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        assertThat(acks.get()).as("acknowledged pushes before the kill (see %s)", dir.resolve("pusher.err"))
                .isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        child.destroyForcibly();
        child.waitFor();
        reader.join();

        MetricStore restored = new MetricStore();
        try (PushJournal journal = PushJournal.open(journalDir, restored)) {
            journal.restore();
        }
        assertThat(lastAcked).hasSize(PUSHERS);
        lastAcked.forEach((job, value) -> {
            Group group = restored.group(GroupingKey.of("job", job));
            assertThat(group).as("group of %s", job).isNotNull();
            assertThat(Groups.gaugeValue(group, "seq")).as("last value of %s", job).isGreaterThanOrEqualTo(value);
        });
    }
}
