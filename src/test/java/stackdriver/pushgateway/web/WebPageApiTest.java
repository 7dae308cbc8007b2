package stackdriver.pushgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.PushRequest;
import stackdriver.pushgateway.support.RunningGateway;

/** The JSON the web page reads: groups a page at a time, one group's families, the export's health, the status. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private RunningGateway gateway;

    @BeforeAll
    void start() throws Exception {
        gateway = RunningGateway.start("gateway.export.interval", "1h", "gateway.web.enable-admin-api", "true",
                "gateway.pubsub.credentials-file", "/etc/creds.json");
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @BeforeEach
    void empty() {
        gateway.gateway().store().wipe();
    }

    private JsonNode data(String path) throws Exception {
        HttpResponse<String> response = gateway.send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body()).get("data");
    }

    private void pushGroups(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            gateway.gateway().store().apply(new PushRequest(PushRequest.Method.PUT,
                    GroupingKey.of("job", String.format("job-%04d", i)), List.of(new MetricFamily("value", "",
                    MetricType.GAUGE, List.of(Metric.ofValue(Labels.of("a", "1"), i), Metric.ofValue(Labels.EMPTY, i))))));
        }
    }

    @Test
    void groupsComeAPageAtATimeInGroupingKeyOrderWithTheTotal() throws Exception {
        pushGroups(250);

        JsonNode page = data("/api/v1/groups?offset=200&limit=30");

        assertThat(page.get("total").asInt()).isEqualTo(250);
        List<String> jobs = new ArrayList<>();
        page.get("groups").forEach(group -> jobs.add(group.get("labels").get("job").asText()));
        assertThat(jobs).hasSize(30).startsWith("job-0200").endsWith("job-0229");
        JsonNode first = page.get("groups").get(0);
        assertThat(first.get("series").asInt()).isEqualTo(2);
        assertThat(first.get("families").asInt()).isEqualTo(1);
        assertThat(first.get("last_push_successful").asBoolean()).isTrue();
        assertThat(first.has("value")).as("no series in the list").isFalse();
        assertThat(data("/api/v1/groups").get("groups").size()).isEqualTo(GroupList.DEFAULT_LIMIT);
    }

    @Test
    void filterKeepsGroupsWhoseGroupingKeyContainsTheText() throws Exception {
        pushGroups(30);

        JsonNode page = data("/api/v1/groups?filter=" + java.net.URLEncoder.encode("JOB=\"job-001", "UTF-8"));

        assertThat(page.get("total").asInt()).isEqualTo(10);
        assertThat(page.get("groups").get(0).get("labels").get("job").asText()).isEqualTo("job-0010");
    }

    @Test
    void badPagingIsAnsweredWithWhatWasWrong() throws Exception {
        for (String query : List.of("offset=-1", "limit=0", "limit=1001", "offset=x")) {
            HttpResponse<String> response = gateway.send("GET", "/api/v1/groups?" + query, null);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).contains("query parameter " + query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void oneGroupHasEveryFamilyWithItsSeriesAndItsCloudMonitoringMetricTypes() throws Exception {
        gateway.send("PUT", "/metrics/job/shop/instance/web-1", """
                # TYPE latency_seconds summary
                latency_seconds{quantile="0.5"} 0.2
                latency_seconds_sum 4
                latency_seconds_count 10
                """);
        gateway.gateway().export().cycle().runOnce();

        JsonNode group = data("/api/v1/group?job=shop&instance=web-1");

        assertThat(group.get("labels").get("instance").asText()).isEqualTo("web-1");
        assertThat(group.get("export_status").get("series_failed").asInt()).isZero();
        JsonNode latency = group.get("families").get(0);
        assertThat(latency.get("name").asText()).isEqualTo("latency_seconds");
        assertThat(latency.get("metrics").get(0).get("quantiles").get("0.5").asText()).isEqualTo("0.2");
        JsonNode cloudMonitoring = latency.get("cloud_monitoring");
        assertThat(cloudMonitoring.get("metric_types")).extracting(JsonNode::asText).containsExactly(
                "prometheus.googleapis.com/latency_seconds/summary",
                "prometheus.googleapis.com/latency_seconds_sum/summary:counter",
                "prometheus.googleapis.com/latency_seconds_count/summary");
        assertThat(cloudMonitoring.get("series_written").asInt()).isEqualTo(3);
        assertThat(cloudMonitoring.get("last_written").asText()).isNotEmpty();
        assertThat(group.get("families")).extracting(family -> family.get("name").asText())
                .contains("push_time_seconds", "push_failure_time_seconds");
    }

    @Test
    void unknownGroupIs404AndAGroupWithoutJob400() throws Exception {
        HttpResponse<String> unknown = gateway.send("GET", "/api/v1/group?job=nobody", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no group {job=\"nobody\"}");
        HttpResponse<String> noJob = gateway.send("GET", "/api/v1/group?instance=a", null);
        assertThat(noJob.statusCode()).isEqualTo(400);
        assertThat(noJob.body()).contains("the job is missing");
        // Java's client refuses to send a bad escape: written on a socket
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.port())) {
            socket.getOutputStream().write(("GET /api/v1/group?job=a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void exportHealthSaysWhereItWritesAndWhenItLastSucceeded() throws Exception {
        gateway.send("PUT", "/metrics/job/a", "a 1\n");
        gateway.gateway().export().cycle().runOnce();

        JsonNode health = data("/api/v1/export");

        assertThat(health.get("backend").asText()).isEqualTo("emulator");
        assertThat(health.get("project_id").asText()).as("no Metrics Explorer for the emulator").isEmpty();
        assertThat(health.get("last_success").asText()).isNotEmpty();
        assertThat(health.get("retries_total").asLong()).isZero();
        assertThat(health.has("last_backoff_seconds")).isTrue();
    }

    @Test
    void statusShowsEverySettingWithSecretsMasked() throws Exception {
        JsonNode status = data("/api/v1/status");

        JsonNode settings = status.get("settings");
        assertThat(settings.get("gateway.web.enable-admin-api").asText()).isEqualTo("true");
        assertThat(settings.get("gateway.pubsub.credentials-file").asText()).isEqualTo(EffectiveSettings.MASK);
        assertThat(status.get("flags").get("web.enable-admin-api").asText()).isEqualTo("true");
        assertThat(status.get("web_config").get("tls").asBoolean()).isFalse();
    }

    @Test
    void pageAndItsFilesAreServedFromTheJarAndOnlyForGet() throws Exception {
        HttpResponse<String> page = gateway.send("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"/static/page.js\"></script>").doesNotContain("https://");
        assertThat(gateway.send("GET", "/static/page.js", null).body()).contains("/api/v1/groups");
        assertThat(gateway.send("GET", "/static/page.css", null).statusCode()).isEqualTo(200);
        assertThat(gateway.send("POST", "/", "x").statusCode()).isEqualTo(405);
        assertThat(gateway.send("OPTIONS", "/static/page.css", null).headers().firstValue("Allow")).hasValue("GET, OPTIONS");
    }

    @Test
    void pageMovesUnderTheRoutePrefixAndFindsTheApiThere() throws Exception {
        try (RunningGateway prefixed = RunningGateway.start("gateway.web.route-prefix", "/pg")) {
            HttpResponse<String> page = prefixed.send("GET", "/pg/", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<script src=\"/pg/static/page.js\"></script>")
                    .contains("data-prefix=\"/pg\"");
            assertThat(prefixed.send("GET", "/pg/static/page.js", null).statusCode()).isEqualTo(200);
            assertThat(prefixed.send("GET", "/pg/api/v1/groups", null).statusCode()).isEqualTo(200);
        }
    }
}
