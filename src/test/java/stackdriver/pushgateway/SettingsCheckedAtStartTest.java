package stackdriver.pushgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.RunningGateway;

/** A setting that cannot work stops the start at once, with exit code 2 and a message that names it. */
class SettingsCheckedAtStartTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--gateway.limits.body-size=-1 | setting gateway.limits.body-size must be above 0, not -1",
            "--gateway.limits.series-per-job=-3 | setting gateway.limits.series-per-job must be above 0, not -3",
            "--gateway.limits.series-per-push=0 | setting gateway.limits.series-per-push must be above 0",
            "--gateway.role=writer | gateway.role=writer takes no HTTP pushes",
            "--gateway.role=ingest | gateway.role=ingest only publishes: it needs gateway.buffer=pubsub",
            "--gateway.buffer=kafka | setting gateway.buffer must be none, pubsub, not \"kafka\"",
            "--gateway.ha=zookeeper | setting gateway.ha must be off, kubernetes, not \"zookeeper\"",
            "--gateway.ha.renew-deadline=20s | gateway.ha.lease-duration must be longer than gateway.ha.renew-deadline",
            "--gateway.ha.kubernetes-url=kubernetes.default | gateway.ha.kubernetes-url must be the API server's",
            "--gateway.pubsub.max-delivery-attempts=200 | gateway.pubsub.max-delivery-attempts must be between 5 and 100",
            "--gateway.web.reads-from=http://writer:9091 | gateway.web.reads-from is for gateway.role=ingest",
            "--web.enable-admin-api=maybe | setting gateway.web.enable-admin-api must be true or false",
            "--gateway.export.interval=soon | setting gateway.export.interval must be a duration",
            "--gateway.groups.ttl=-5m | setting gateway.groups.ttl must be a duration such as 500ms, 15s, 5m or 1h, not \"-5m\"",
            "--gateway.groups.ttl=0s | setting gateway.groups.ttl must be a duration above 0, not 0s",
            "--gateway.web.header-timeout=0s | setting gateway.web.header-timeout must be a duration above 0, not 0s",
            "--gateway.groups.ttl-rules={job==\"x\"} 1h | setting gateway.groups.ttl-rules: rule 1: unknown operator \"==\"",
            "--gateway.groups.ttl-rules={job=~\"ci-(\"} 1h | setting gateway.groups.ttl-rules: rule 1: bad regular expression \"ci-(\"",
            "--gateway.groups.ttl-rules={job=\"x\" 1h | setting gateway.groups.ttl-rules: rule 1: expected , or } after job=\"x\"",
            "--gateway.groups.ttl-rules={job=\"x\"} -5m | setting gateway.groups.ttl-rules: rule 1: TTL must be a duration",
            "--gateway.groups.ttl-rules-file=absent.rules | setting gateway.groups.ttl-rules-file: ",
            "--gateway.monitoring.trust-certificates=/no/such/ca.pem | setting gateway.monitoring.trust-certificates names"
                    + " \"/no/such/ca.pem\", which is not a readable file"})
    void theProcessExitsWith2NamingTheSetting(String flag, String message, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("gateway.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "stackdriver.pushgateway.Application",
                "--web.listen-address=127.0.0.1:" + RunningGateway.freePort(), "--gateway.emulator.port=0",
                "--gateway.emulator.rest-port=-1", flag));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the gateway exited").isTrue();
            assertThat(process.exitValue()).as(Files.readString(log)).isEqualTo(2);
            assertThat(Files.readString(log)).contains("stackdriver-pushgateway: error: " + message);
        } finally {
            process.destroyForcibly();
        }
    }
}
