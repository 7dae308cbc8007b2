package stackdriver.pushgateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.ingest.SnappyBodyTest;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.support.RunningGateway;

/** The push API over real HTTP against the running Camel application. */
class PushApiTest {

    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start("gateway.limits.body-size", "100000", "gateway.limits.series-per-push", "50",
                "gateway.limits.labels-per-series", "5", "gateway.limits.label-value-length", "20");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Group group(String... key) {
        return gateway.gateway().store().group(GroupingKey.of(key));
    }

    private static double value(Group group, String family) {
        return group.families().get(family).family().metrics().get(0).value();
    }

    @Test
    void theSeedsCurlCommandWorksAsWritten() throws Exception {
        Process curl = new ProcessBuilder("bash", "-c", "echo \"some_metric 99\" | curl -s -w '%{http_code}' --data-binary @- "
                + gateway.url("/metrics/job/my_job")).redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("200");
        assertThat(value(group("job", "my_job"), "some_metric")).isEqualTo(99);
        assertThat(gateway.metricsPage()).contains("some_metric{instance=\"\",job=\"my_job\"} 99");
    }

    @Test
    void aFormOrMultipartContentTypeIsReadAsText() throws Exception {
        for (String contentType : new String[] {"application/x-www-form-urlencoded", "multipart/form-data; boundary=",
                "multipart/form-data"}) {
            HttpResponse<String> response = gateway.send(gateway.request("/metrics/job/form")
                    .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString("form_metric 5\n")).build());
            assertThat(response.statusCode()).as(contentType).isEqualTo(200);
            assertThat(value(group("job", "form"), "form_metric")).as(contentType).isEqualTo(5);
        }
    }

    @Test
    void eachPushAnswerIsCountedByCodeAndMethod() throws Exception {
        gateway.send("PUT", "/metrics/job/counted", "c 1\n");
        gateway.send("PUT", "/metrics/job/counted", "c{\n");
        gateway.send("DELETE", "/metrics/job/counted", null);
        assertThat(gateway.metricsPage())
                .containsPattern("pushgateway_http_requests_total\\{code=\"200\",handler=\"push\",method=\"put\"} [1-9]")
                .containsPattern("pushgateway_http_requests_total\\{code=\"400\",handler=\"push\",method=\"put\"} [1-9]")
                .containsPattern("pushgateway_http_requests_total\\{code=\"202\",handler=\"delete\",method=\"delete\"} [1-9]");
    }

    @Test
    void putAnswers200AndPostKeepsOtherFamilies() throws Exception {
        assertThat(gateway.send("PUT", "/metrics/job/semantics/instance/i", "a 1\nb 2\n").statusCode()).isEqualTo(200);
        assertThat(gateway.send("POST", "/metrics/job/semantics/instance/i", "b 3\n").statusCode()).isEqualTo(200);
        Group group = group("job", "semantics", "instance", "i");
        assertThat(value(group, "a")).isEqualTo(1);
        assertThat(value(group, "b")).isEqualTo(3);
    }

    @Test
    void deleteAnswers202EvenForAnUnknownGroup() throws Exception {
        gateway.send("PUT", "/metrics/job/doomed", "a 1\n");
        assertThat(gateway.send("DELETE", "/metrics/job/doomed", null).statusCode()).isEqualTo(202);
        assertThat(group("job", "doomed")).isNull();
        assertThat(gateway.send("DELETE", "/metrics/job/never-pushed", null).statusCode()).isEqualTo(202);
    }

    @Test
    void getOnAGroupIsMethodNotAllowed() throws Exception {
        assertThat(gateway.send("GET", "/metrics/job/x", null).statusCode()).isEqualTo(405);
    }

    @Test
    void trailingSlashAfterJobRedirects() throws Exception {
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/", "a 1\n");
        assertThat(response.statusCode()).isEqualTo(307);
        assertThat(response.headers().firstValue("Location")).hasValue("../job");
    }

    @Test
    void parseErrorIs400WithTheReasonAndStoresNothing() throws Exception {
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/parse-error", "a{b=\"1\" 1\n");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.body()).startsWith("text format parsing error in line 1:");
        assertThat(group("job", "parse-error")).isNull();
    }

    @Test
    void validationErrorIs400AndKeepsOldMetrics() throws Exception {
        gateway.send("PUT", "/metrics/job/validation", "a 1\n");
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/validation", "a 2 1000\n");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("pushed metrics are invalid or inconsistent with existing metrics: "
                + "pushed metrics must not have timestamps\n");
        assertThat(value(group("job", "validation"), "a")).isEqualTo(1);
        assertThat(group("job", "validation").lastPushSuccessful()).isFalse();
    }

    @Test
    void badGroupingKeyIs400() throws Exception {
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/x/1abc/v", "a 1\n");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("improper label name \"1abc\"\n");
    }

    @Test
    void withoutUtf8NamesAU__LabelIsAnOrdinaryNameAndQuotedNamesAreParseErrors() throws Exception {
        assertThat(gateway.send("PUT", "/metrics/job/utf8-off/U__a_2e_b/v", "x 1\n").statusCode()).isEqualTo(200);
        assertThat(group("job", "utf8-off", "U__a_2e_b", "v")).isNotNull();
        HttpResponse<String> quoted = gateway.send("PUT", "/metrics/job/utf8-off-quoted", "{\"my.metric\"} 1\n");
        assertThat(quoted.statusCode()).isEqualTo(400);
        assertThat(quoted.body()).isEqualTo("text format parsing error in line 1: invalid metric name\n");
        assertThat(group("job", "utf8-off-quoted")).isNull();
        assertThat(gateway.send("GET", "/metrics", null).headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void aBadPercentEscapeInThePathIs400SayingWhereAndStoresNothing() throws Exception {
        // curl sends the path as written (Java's HTTP client refuses to build such a URI)
        Process curl = new ProcessBuilder("curl", "-s", "-X", "PUT", "--data-binary", "a 1", "-w", "|%{http_code}",
                gateway.url("/metrics/job/bad%zzescape")).redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("invalid percent-escape \"%zz\" at character 17 of the URL path\n|400");
        assertThat(gateway.gateway().store().groups()).noneMatch(group -> group.key().toString().contains("bad"));
    }

    @Test
    void badBase64JobIs400AndTheGatewayKeepsServing() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.send("PUT", "/metrics/job@base64/amM+Pg==", "a 1\n").statusCode()).isEqualTo(400);
        }
        assertThat(gateway.send("PUT", "/metrics/job@base64/YWZ0ZXI", "a 1\n").statusCode()).isEqualTo(200);
        assertThat(group("job", "after")).isNotNull();
    }

    @Test
    void emptyInstanceAndNoInstanceAreOneGroupAndTheMetricsPageStaysUp() throws Exception {
        assertThat(gateway.send("PUT", "/metrics/job/one-group", "a 1\n").statusCode()).isEqualTo(200);
        assertThat(gateway.send("PUT", "/metrics/job/one-group/instance@base64/=", "a 2\n").statusCode()).isEqualTo(200);
        assertThat(value(group("job", "one-group"), "a")).isEqualTo(2);
        assertThat(gateway.send("GET", "/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void bodyWithoutFinalNewlineIsAccepted() throws Exception {
        assertThat(gateway.send("PUT", "/metrics/job/no-newline", "a 7").statusCode()).isEqualTo(200);
        assertThat(value(group("job", "no-newline"), "a")).isEqualTo(7);
    }

    @Test
    void gzipBodiesAreDecoded() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("zipped 5\n".getBytes(StandardCharsets.UTF_8));
        }
        HttpRequest request = gateway.request("/metrics/job/gzip").header("Content-Encoding", "gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build();
        assertThat(gateway.send(request).statusCode()).isEqualTo(200);
        assertThat(value(group("job", "gzip"), "zipped")).isEqualTo(5);
    }

    @Test
    void snappyBodiesAreDecodedAndACorruptOneIs400() throws Exception {
        HttpRequest request = gateway.request("/metrics/job/snappy").header("Content-Encoding", "snappy")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(SnappyBodyTest.framed("snapped 6\n"))).build();
        assertThat(gateway.send(request).statusCode()).isEqualTo(200);
        assertThat(value(group("job", "snappy"), "snapped")).isEqualTo(6);

        HttpResponse<String> corrupt = gateway.send(gateway.request("/metrics/job/snappy").header("Content-Encoding", "snappy")
                .PUT(HttpRequest.BodyPublishers.ofString("snapped 7\n")).build());
        assertThat(corrupt.statusCode()).isEqualTo(400);
        assertThat(corrupt.body()).startsWith("body is not valid snappy");
        assertThat(value(group("job", "snappy"), "snapped")).as("unchanged").isEqualTo(6);
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/too-big", "a 1\n".repeat(30000));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("gateway.limits.body-size");
        assertThat(group("job", "too-big")).isNull();
    }

    @Test
    void gzipBombOverTheLimitIs413() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("# padding\n".repeat(50000).getBytes(StandardCharsets.UTF_8));
        }
        HttpRequest request = gateway.request("/metrics/job/bomb").header("Content-Encoding", "gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build();
        HttpResponse<String> response = gateway.send(request);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("gateway.limits.body-size");
    }

    @Test
    void tooManySeriesIs400WithTheLimit() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            body.append("m{i=\"").append(i).append("\"} 1\n");
        }
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/many", body.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("more than 50 series").contains("gateway.limits.series-per-push");
        assertThat(group("job", "many")).isNull();
    }

    @Test
    void tooManyLabelsIs400() throws Exception {
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/labels",
                "m{a=\"1\",b=\"1\",c=\"1\",d=\"1\",e=\"1\"} 1\n");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("more than 5").contains("gateway.limits.labels-per-series");
    }

    @Test
    void tooLongLabelValueIs400() throws Exception {
        HttpResponse<String> response = gateway.send("PUT", "/metrics/job/long", "m{a=\"" + "x".repeat(21) + "\"} 1\n");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("21 bytes long").contains("gateway.limits.label-value-length");
    }

    @Test
    void pathWithoutJobSegmentUsesTheDefaultJob() throws Exception {
        assertThat(gateway.send("PUT", "/metrics/instance/seedform", "s 1\n").statusCode()).isEqualTo(200);
        assertThat(group("job", "pushgateway", "instance", "seedform")).isNotNull();
    }

    @Test
    void metricsPageShowsPushTimesAndInstanceLabel() throws Exception {
        gateway.send("PUT", "/metrics/job/page", "page_metric 3\n");
        String page = gateway.metricsPage();
        assertThat(page).contains("page_metric{instance=\"\",job=\"page\"} 3")
                .contains("push_time_seconds{instance=\"\",job=\"page\"}")
                .contains("push_failure_time_seconds{instance=\"\",job=\"page\"} 0")
                .containsPattern("pushgateway_http_requests_total\\{code=\"200\",handler=\"push\",method=\"put\"} [1-9]");
    }

    @Test
    void healthReadyAndGatedEndpointsAnswerAsTheReference() throws Exception {
        assertThat(gateway.send("GET", "/-/healthy", null).body()).isEqualTo("OK");
        assertThat(gateway.send("GET", "/-/ready", null).statusCode()).isEqualTo(200);
        assertThat(gateway.send("PUT", "/api/v1/admin/wipe", null).statusCode()).isEqualTo(404);
        HttpResponse<String> quit = gateway.send("POST", "/-/quit", null);
        assertThat(quit.statusCode()).isEqualTo(403);
        assertThat(quit.body()).isEqualTo("Lifecycle API is not enabled.");
    }

    @Test
    void apiMetricsHasTheReferenceShape() throws Exception {
        gateway.send("PUT", "/metrics/job/api/instance/i", "# TYPE c counter\n# HELP c Help.\nc 10\n");
        String json = gateway.send("GET", "/api/v1/metrics", null).body();
        assertThat(json).startsWith("{\"status\":\"success\",\"data\":[")
                .contains("\"labels\":{\"instance\":\"i\",\"job\":\"api\"},\"last_push_successful\":true")
                .contains("\"c\":{\"time_stamp\":\"")
                .contains("\"type\":\"COUNTER\",\"help\":\"Help.\",\"metrics\":[{\"labels\":{\"instance\":\"i\",\"job\":\"api\"},\"value\":\"10\"}]");
    }

    @Test
    void aClassicFloatHistogramPushedInProtobufIsShownWithItsFloatCountsAsPushgateway110ShowsIt() throws Exception {
        Metrics.MetricFamily histogram = Metrics.MetricFamily.newBuilder().setName("fh").setType(Metrics.MetricType.HISTOGRAM)
                .addMetric(Metrics.Metric.newBuilder().setHistogram(Metrics.Histogram.newBuilder()
                                .setSampleCountFloat(2.5).setSampleSum(1.25)
                                .addBucket(Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCountFloat(1.5))))
                .build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        histogram.writeDelimitedTo(body);
        HttpResponse<String> pushed = gateway.send(gateway.request("/metrics/job/floats")
                .header("Content-Type", "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
                        + " encoding=delimited")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertThat(pushed.statusCode()).isEqualTo(200);

        String json = gateway.send("GET", "/api/v1/metrics", null).body();

        assertThat(json).contains("\"buckets\":{\"1\":\"1.5\",\"+Inf\":\"2.5\"},\"count\":\"2.5\"");
    }

    @Test
    void apiStatusListsTheFlags() throws Exception {
        String json = gateway.send("GET", "/api/v1/status", null).body();
        assertThat(json).contains("\"web.listen-address\":\"127.0.0.1:" + gateway.port() + "\"")
                .contains("\"web.telemetry-path\":\"/metrics\"").contains("\"start_time\"");
    }

    @Test
    void openMetricsIsParsedProperly() throws Exception {
        String body = "# TYPE requests counter\n# HELP requests Requests.\nrequests_total 10\nrequests_created 1700000000.5\n"
                + "# TYPE build info\nbuild_info{version=\"1.2\"} 1\n# TYPE temp_celsius gauge\n# UNIT temp_celsius celsius\ntemp_celsius 21.5\n# EOF\n";
        HttpRequest request = gateway.request("/metrics/job/openmetrics")
                .header("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(gateway.send(request).statusCode()).isEqualTo(200);
        Group group = group("job", "openmetrics");
        assertThat(group.families()).containsOnlyKeys("requests_total", "build_info", "temp_celsius");
        assertThat(group.families().get("requests_total").family().type()).isEqualTo(stackdriver.pushgateway.model.MetricType.COUNTER);
        assertThat(group.families().get("requests_total").family().metrics().get(0).createdSeconds()).isEqualTo(1700000000.5);
        assertThat(group.families().get("build_info").family().type()).isEqualTo(stackdriver.pushgateway.model.MetricType.GAUGE);
    }

    @Test
    void openMetricsWithoutEofIsRejected() throws Exception {
        HttpRequest request = gateway.request("/metrics/job/openmetrics-bad")
                .header("Content-Type", "application/openmetrics-text; version=1.0.0")
                .PUT(HttpRequest.BodyPublishers.ofString("# TYPE c counter\nc_total 1\n")).build();
        HttpResponse<String> response = gateway.send(request);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("EOF");
        assertThat(group("job", "openmetrics-bad")).isNull();
    }

    @Test
    void metricsPageSpeaksOpenMetricsAndProtobufWhenAsked() throws Exception {
        gateway.send("PUT", "/metrics/job/formats", "# TYPE fc_total counter\nfc_total 4\n");
        HttpResponse<String> openMetrics = gateway.send(gateway.request("/metrics")
                .header("Accept", "application/openmetrics-text; version=1.0.0").GET().build());
        assertThat(openMetrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
        assertThat(openMetrics.body()).contains("# TYPE fc counter").endsWith("# EOF\n");
        HttpResponse<byte[]> protobuf = java.net.http.HttpClient.newHttpClient().send(gateway.request("/metrics")
                .header("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(protobuf.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vnd.google.protobuf");
        assertThat(new stackdriver.pushgateway.exposition.ProtobufDelimitedParser().parse(protobuf.body()))
                .anySatisfy(f -> assertThat(f.name()).isEqualTo("fc_total"));
    }
}
