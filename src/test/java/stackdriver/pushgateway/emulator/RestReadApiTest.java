package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.monitoring.v3.ListTimeSeriesResponse;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The REST read API: what curl sees of what a client wrote, in Google's JSON. */
class RestReadApiTest extends EmulatorTestSupport {
    private static final String TYPE = "custom.googleapis.com/rest_read";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void timeSeriesAreReadAsGooglesJson() throws Exception {
        write(gauge(metric(TYPE, "queue", "a"), 7.5, NOW));

        HttpResponse<String> response = get("/timeSeries?filter=" + encode("metric.type = \"" + TYPE + "\"")
                + "&interval.startTime=" + NOW.minusSeconds(60) + "&interval.endTime=" + NOW);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        ListTimeSeriesResponse.Builder parsed = ListTimeSeriesResponse.newBuilder();
        JsonFormat.parser().merge(response.body(), parsed);
        assertThat(parsed.getTimeSeries(0).getMetric().getLabelsMap()).containsEntry("queue", "a");
        assertThat(valueOf(parsed.getTimeSeries(0))).isEqualTo(7.5);
        assertThat(response.body()).contains("\"metricKind\": \"GAUGE\"", "\"doubleValue\": 7.5",
                "\"endTime\": \"2025-06-01T12:00:00Z\"");
    }

    @Test
    void withoutIntervalOrFilterEverythingIsReturned() throws Exception {
        write(gauge(TYPE, 1, NOW), gauge(TYPE + "_other", 2, NOW));

        HttpResponse<String> response = get("/timeSeries");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(TYPE + "\"", TYPE + "_other\"");
    }

    @Test
    void metricDescriptorsAreListedAndReadOneByOne() throws Exception {
        write(gauge(TYPE, 1, NOW));

        assertThat(get("/metricDescriptors").body()).contains("\"type\": \"" + TYPE + "\"");
        assertThat(get("/metricDescriptors/" + TYPE).body()).contains("\"valueType\": \"DOUBLE\"");
        assertThat(get("/monitoredResourceDescriptors").body()).contains("prometheus_target");
    }

    @Test
    void errorsAreGooglesJsonErrors() throws Exception {
        HttpResponse<String> notFound = get("/metricDescriptors/custom.googleapis.com/nothing");
        HttpResponse<String> badFilter = get("/timeSeries?filter=" + encode("metric.type >"));

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("\"status\":\"NOT_FOUND\"", "\"code\":404");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body()).contains("\"status\":\"INVALID_ARGUMENT\"");
    }

    @Test
    void writesAreNotServed() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/timeSeries"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + emulator.restPort() + "/v3/" + project + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
