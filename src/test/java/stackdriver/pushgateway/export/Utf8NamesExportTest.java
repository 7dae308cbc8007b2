package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.monitoring.v3.TimeSeries;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gateway with gateway.push.enable-utf8-names (--push.enable-utf8-names): pushed over HTTP, read back through
 * GET /metrics, /api/v1/metrics, and Cloud Monitoring (the emulator).
 */
class Utf8NamesExportTest extends ExportTestSupport {
    private static final String DOMAIN = "prometheus.googleapis.com/";
    private static final String BODY = "# TYPE \"http.server.requests\" counter\n"
            + "{\"http.server.requests\",\"http.method\"=\"GET\"} 7\n";

    @Override
    String[] settings() {
        return new String[] {"gateway.push.enable-utf8-names", "true"};
    }

    @Test
    void aPushWithUtf8NamesIsStoredUnderThoseNames() throws Exception {
        push("PUT", "/metrics/job/" + job + "/U__service_2e_name/shop", BODY);

        assertThat(gateway.gateway().store().groups()).anySatisfy(group -> {
            assertThat(group.key().labels().get("service.name")).isEqualTo("shop");
            assertThat(group.families()).containsKey("http.server.requests");
        });
    }

    @Test
    void getMetricsQuotesTheNamesForAScraperThatAllowsUtf8AndUnderscoresThemForOthers() throws Exception {
        push("PUT", "/metrics/job/" + job + "/U__service_2e_name/shop", BODY);

        HttpResponse<String> utf8 = gateway.send(gateway.request("/metrics")
                .header("Accept", "text/plain;version=0.0.4;escaping=allow-utf-8").GET().build());
        assertThat(utf8.headers().firstValue("Content-Type")).hasValue(
                "text/plain; version=0.0.4; charset=utf-8; escaping=allow-utf-8");
        assertThat(utf8.body()).contains("# TYPE \"http.server.requests\" counter\n",
                "{\"http.server.requests\",\"http.method\"=\"GET\",instance=\"\",job=\"" + job
                        + "\",\"service.name\"=\"shop\"} 7\n");

        HttpResponse<String> legacy = gateway.send("GET", "/metrics", null);
        assertThat(legacy.headers().firstValue("Content-Type")).hasValue(
                "text/plain; version=0.0.4; charset=utf-8; escaping=underscores");
        assertThat(legacy.body()).contains("http_server_requests{http_method=\"GET\",instance=\"\",job=\"" + job
                + "\",service_name=\"shop\"} 7\n").doesNotContain("\"http.server.requests\"");
    }

    @Test
    void apiMetricsShowsTheNamesAsPushed() throws Exception {
        push("PUT", "/metrics/job/" + job + "/U__service_2e_name/shop", BODY);

        JsonNode group = group();
        assertThat(group.get("labels").get("service.name").asText()).isEqualTo("shop");
        JsonNode family = group.get("http.server.requests");
        assertThat(family.get("type").asText()).isEqualTo("COUNTER");
        assertThat(family.get("metrics").get(0).get("labels").get("http.method").asText()).isEqualTo("GET");
    }

    @Test
    void aBrokenEscapeInThePathIsA400AndStoresNothing() throws Exception {
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/" + job + "/U__a_zz_/v", BODY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("improper label name \"U__a_zz_\": \"_zz_\" is not a hexadecimal code point\n");
        assertThat(gateway.gateway().store().groups()).isEmpty();
    }

    @Test
    void dottedNamesAreWrittenAsTheyAreAndLabelKeysAsCloudMonitoringTakesThem() throws Exception {
        push("PUT", "/metrics/job/" + job + "/U__service_2e_name/shop", BODY);
        exportAfterAMinute();

        TimeSeries series = readOne(DOMAIN + "http.server.requests/counter");
        assertThat(series.getMetric().getLabelsMap()).isEqualTo(Map.of("http_method", "GET", "service_name", "shop"));
        assertThat(series.getPoints(0).getValue().getDoubleValue()).isEqualTo(7);
    }

    @Test
    void aNameNoMetricTypeCanHoldIsReportedWithTheReasonAndTheRestIsWritten() throws Exception {
        push("PUT", "/metrics/job/" + job, "{\"disk/used bytes\"} 1\n{\"caf\u00e9_orders\"} 2\nok_metric 3\n");
        ExportCycle.Report report = exportAfterAMinute();

        assertThat(report.notWritten()).hasSize(2).allSatisfy(rejection ->
                assertThat(rejection.cause()).isEqualTo("unsupported_metric_name"));
        assertThat(report.notWritten()).anySatisfy(rejection -> assertThat(rejection.reason()).isEqualTo(
                "the metric name \"disk/used bytes\" has \"/\", which a Cloud Monitoring metric type cannot hold"
                        + " (ASCII letters, digits, '_', '.' and ':' only)"));
        assertThat(read(DOMAIN + "ok_metric/unknown")).hasSize(1);
        JsonNode status = group().get("export_status");
        assertThat(status.get("errors").toString()).contains("caf\u00e9_orders", "which a Cloud Monitoring metric type cannot hold");
    }

    private JsonNode group() throws Exception {
        JsonNode data = new ObjectMapper().readTree(gateway.send("GET", "/api/v1/metrics", null).body()).get("data");
        for (JsonNode group : data) {
            if (job.equals(group.get("labels").get("job").asText())) {
                return group;
            }
        }
        throw new AssertionError("no group of job " + job);
    }
}
