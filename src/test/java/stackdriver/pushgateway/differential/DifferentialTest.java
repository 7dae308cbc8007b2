package stackdriver.pushgateway.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import stackdriver.pushgateway.exposition.GoFloat;
import stackdriver.pushgateway.exposition.TextFormatParser;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.support.ReferencePushgateway;
import stackdriver.pushgateway.support.RunningGateway;

/**
 * Replays push sequences against the real Prometheus Pushgateway 1.5.1 and against us, and asserts equal
 * status codes, equal error texts and equal stored state read back from {@code GET /metrics}.
 */
class DifferentialTest {

    private static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";
    private static ReferencePushgateway reference;
    private static RunningGateway ours;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        reference = ReferencePushgateway.start();
        ours = RunningGateway.start("gateway.web.enable-admin-api", "true");
    }

    @AfterAll
    static void stop() throws Exception {
        ours.close();
        reference.close();
    }

    /** One request of a case. */
    record Step(String method, String path, byte[] body, String contentType, String contentEncoding) {
        static Step of(String method, String path, String body) {
            return new Step(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null, null);
        }
    }

    static Step put(String path, String body) {
        return Step.of("PUT", path, body);
    }

    static Step post(String path, String body) {
        return Step.of("POST", path, body);
    }

    static Step delete(String path) {
        return Step.of("DELETE", path, null);
    }

    /** @param compareHelp false where the reference picks one of several HELP texts by Go's random map order */
    record Scenario(List<Step> steps, boolean compareHelp) {
    }

    static Named<Scenario> scenario(String name, Step... steps) {
        return Named.of(name, new Scenario(List.of(steps), true));
    }

    static Named<Scenario> scenarioIgnoringHelp(String name, Step... steps) {
        return Named.of(name, new Scenario(List.of(steps), false));
    }

    static Stream<Named<Scenario>> cases() throws Exception {
        return Stream.of(
                scenario("untyped sample", put("/metrics/job/a", "some_metric 99\n")),
                scenario("counter and gauge with help and labels",
                        put("/metrics/job/a/instance/i", "# HELP c A counter.\n# TYPE c counter\nc{path=\"/x\",code=\"200\"} 10\n"
                                + "c{path=\"/y\",code=\"500\"} 1\n# TYPE g gauge\ng -3.5e-7\n")),
                scenario("escaping in help and label values",
                        put("/metrics/job/a", "# HELP e Help with \\\\ and \\n newline.\n# TYPE e gauge\ne{v=\"quote \\\" back \\\\ nl \\n\"} 1\n")),
                scenario("NaN and infinities",
                        put("/metrics/job/a", "n NaN\np +Inf\nm -Inf\n")),
                scenario("histogram", put("/metrics/job/a", "# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"1\"} 3\n"
                        + "h_bucket{le=\"+Inf\"} 4\nh_sum 5.5\nh_count 4\n")),
                scenario("histogram without +Inf bucket", put("/metrics/job/a", "# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_sum 2\nh_count 4\n")),
                scenario("summary", put("/metrics/job/a", "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns{quantile=\"0.99\"} 9\ns_sum 20\ns_count 7\n")),
                scenario("put replaces the group", put("/metrics/job/a", "x 1\ny 2\n"), put("/metrics/job/a", "z 3\n")),
                scenario("post replaces only named families",
                        put("/metrics/job/a", "x{l=\"1\"} 1\nx{l=\"2\"} 2\ny 2\n"), post("/metrics/job/a", "x{l=\"3\"} 3\n")),
                scenario("delete removes only the exact grouping key",
                        put("/metrics/job/a", "x 1\n"), put("/metrics/job/a/instance/i", "x 2\n"), delete("/metrics/job/a")),
                scenario("delete of an unknown group", delete("/metrics/job/nothing")),
                scenario("empty put creates an empty group", put("/metrics/job/a", "")),
                scenario("empty post keeps the group's metrics", put("/metrics/job/a", "x 1\n"), post("/metrics/job/a", "")),
                scenario("empty put empties the group", put("/metrics/job/a", "x 1\n"), put("/metrics/job/a", "")),
                scenario("timestamps are rejected and old metrics kept", put("/metrics/job/a", "x 1\n"), put("/metrics/job/a", "x 2 1000\n")),
                scenario("timestamps on a new group create it failed", put("/metrics/job/new", "x 2 1000\n")),
                scenario("duplicate series are rejected", put("/metrics/job/a", "x 1\nx 2\n")),
                scenario("body label that becomes the grouping key duplicates", put("/metrics/job/a", "x{job=\"b\"} 1\nx 2\n")),
                scenario("type clash with another group", put("/metrics/job/a", "# TYPE b counter\nb 1\n"),
                        put("/metrics/job/b", "# TYPE b gauge\nb 1\n")),
                scenario("a group changes its own family's type", put("/metrics/job/a", "# TYPE b counter\nb 1\n"),
                        put("/metrics/job/a", "# TYPE b gauge\nb 1\n")),
                scenario("post changes a family's type in its own group", put("/metrics/job/a", "# TYPE b counter\nb 1\nc 1\n"),
                        post("/metrics/job/a", "# TYPE b gauge\nb 2\n")),
                scenario("same family in two groups", put("/metrics/job/a", "# TYPE b counter\nb 1\n"),
                        put("/metrics/job/b/instance/x", "# TYPE b counter\nb 2\n")),
                scenario("grouping key overrides body labels",
                        put("/metrics/job/a/instance/i", "x{job=\"other\",instance=\"body\",k=\"v\"} 1\n")),
                scenario("body instance kept when the key has none", put("/metrics/job/a", "x{instance=\"q\"} 1\n")),
                scenario("pushed push_time_seconds is replaced", put("/metrics/job/a", "push_time_seconds 5\nx 1\n")),
                scenario("reserved label name in body", put("/metrics/job/a", "x{__x=\"1\"} 1\n")),
                scenario("le and quantile labels on untyped", put("/metrics/job/a", "x{le=\"1\"} 1\ny{quantile=\"0.5\"} 1\n")),
                scenario("parse error: missing value", put("/metrics/job/a", "x\n")),
                scenario("parse error: unterminated label", put("/metrics/job/a", "x{a=\"1} 1\n")),
                scenario("parse error: bad value", put("/metrics/job/a", "x abc\n")),
                scenario("parse error: duplicate label name", put("/metrics/job/a", "x{a=\"1\",a=\"2\"} 1\n")),
                scenario("parse error: second TYPE line", put("/metrics/job/a", "# TYPE x gauge\n# TYPE x counter\nx 1\n")),
                scenario("parse error: TYPE after samples", put("/metrics/job/a", "x 1\n# TYPE x gauge\n")),
                scenario("parse error: unknown type", put("/metrics/job/a", "# TYPE x gaugeish\nx 1\n")),
                scenario("parse error: bad metric name", put("/metrics/job/a", "1x 1\n")),
                scenario("parse error on line 3", put("/metrics/job/a", "x 1\ny 2\nz{ 3\n")),
                scenario("parse error leaves an existing group", put("/metrics/job/a", "x 1\n"), put("/metrics/job/a", "x{\n")),
                scenario("comments and blank lines", put("/metrics/job/a", "# just a comment\n\nx 1\n# HELP\n")),
                scenario("odd number of path components", put("/metrics/job/a/instance", "x 1\n")),
                scenario("improper label names in path", put("/metrics/job/a/1abc/v", "x 1\n"), put("/metrics/job/a/a-b/v", "x 1\n"),
                        put("/metrics/job/a/__name__/v", "x 1\n"), put("/metrics/job/a/__x/v", "x 1\n")),
                scenario("UTF-8 names, which only --push.enable-utf8-names takes, refused as before",
                        put("/metrics/job/a", "{\"my.metric\"} 1\n"), put("/metrics/job/a", "m{\"label.name\"=\"v\"} 1\n"),
                        put("/metrics/job/a", "# TYPE \"my.metric\" counter\nx 1\n"), put("/metrics/job/a/a.b/v", "x 1\n"),
                        put("/metrics/job/a/U__a_2e_b/v", "x 1\n")),
                scenario("base64 values", put("/metrics/job@base64/YWJj/path@base64/L3Zhci90bXA=", "x 1\n"),
                        put("/metrics/job/a/p@base64/L3Zhcg", "x 2\n")),
                scenario("empty base64 job", put("/metrics/job@base64/=", "x 1\n")),
                scenario("bad base64 label value", put("/metrics/job/a/l@base64/a!b", "x 1\n")),
                scenario("repeated label in path: last wins", put("/metrics/job/a/l/1/l/2", "x 1\n")),
                scenario("job label in path never overrides the job", put("/metrics/job/a/job/zz", "x 1\n")),
                scenario("path without job is not found", put("/metrics/", "x 1\n"), put("/metrics/job", "x 1\n")),
                scenario("get on a group is not allowed", put("/metrics/job/a", "x 1\n"), Step.of("GET", "/metrics/job/a", null)),
                scenario("trailing slash after job redirects", put("/metrics/job/", "x 1\n")),
                scenario("protobuf body", new Step("PUT", "/metrics/job/a", ProtobufBodies.counterAndHistogram(), PROTOBUF, null)),
                scenario("protobuf with another content type is read as text",
                        new Step("PUT", "/metrics/job/a", ProtobufBodies.counterAndHistogram(), "application/octet-stream", null)),
                scenario("gzip text body", new Step("PUT", "/metrics/job/a", gzip("g 1\nh{a=\"b\"} 2\n"), null, "gzip")),
                scenarioIgnoringHelp("different help for the same name in two groups",
                        put("/metrics/job/a", "# HELP x One.\nx 1\n"), put("/metrics/job/b", "# HELP x Two.\nx 2\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsTheReference(Scenario scenario) throws Exception {
        wipe(reference.url(""));
        wipe(ours.url(""));
        List<String> referenceAnswers = new ArrayList<>();
        List<String> ourAnswers = new ArrayList<>();
        for (Step step : scenario.steps()) {
            referenceAnswers.add(answer(send(reference.url(step.path()), step)));
            ourAnswers.add(answer(send(ours.url(step.path()), step)));
        }
        assertThat(ourAnswers).as("status codes and error texts").isEqualTo(referenceAnswers);
        assertThat(storedState(ours.url("/metrics"), scenario.compareHelp())).as("stored state")
                .isEqualTo(storedState(reference.url("/metrics"), scenario.compareHelp()));
    }

    /** Methods a path does not serve: the status and the methods named in Allow. */
    static Stream<String> methodsAPathDoesNotServe() {
        Stream<String> getOnly = Stream.of("/metrics", "/-/ready", "/-/healthy", "/api/v1/status", "/api/v1/metrics")
                .flatMap(path -> Stream.of("HEAD", "POST", "PUT", "DELETE").map(method -> method + " " + path));
        // OPTIONS on /api/v1/ is answered with CORS headers: answersTheApiWithTheReferencesCorsHeaders
        Stream<String> options = Stream.of("/metrics", "/-/ready", "/-/healthy", "/metrics/job/a", "/metrics/job/a/b/c")
                .map(path -> "OPTIONS " + path);
        Stream<String> others = Stream.of("GET /api/v1/admin/wipe", "POST /api/v1/admin/wipe", "DELETE /api/v1/admin/wipe",
                "GET /metrics/job/a", "HEAD /metrics/job/a", "PATCH /metrics/job/a/b/c",
                "GET /-/quit", "HEAD /-/quit", "DELETE /-/quit", "OPTIONS /-/quit");
        return Stream.of(getOnly, options, others).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methodsAPathDoesNotServe")
    void answersOtherMethodsAsTheReference(String request) throws Exception {
        Step step = Step.of(request.split(" ")[0], request.split(" ")[1], null);
        HttpResponse<String> theirs = send(reference.url(step.path()), step);
        HttpResponse<String> mine = send(ours.url(step.path()), step);
        assertThat(mine.statusCode() + " Allow: " + mine.headers().firstValue("Allow").orElse("none") + " " + mine.body())
                .isEqualTo(theirs.statusCode() + " Allow: " + theirs.headers().firstValue("Allow").orElse("none") + " "
                        + theirs.body());
    }

    /** Paths nothing serves, a typo of /metrics among them: the reference's plain-text 404, not an HTML page. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /metric/job/x", "POST /metric/job/x", "GET /nothing/here", "PUT /metrics/",
            "DELETE /metrics/job"})
    void answersAPathNothingServesAsTheReference(String request) throws Exception {
        Step step = Step.of(request.split(" ")[0], request.split(" ")[1], request.startsWith("GET") ? null : "x 1\n");
        HttpResponse<String> theirs = send(reference.url(step.path()), step);
        HttpResponse<String> mine = send(ours.url(step.path()), step);
        assertThat(mine.statusCode() + " " + mine.headers().firstValue("Content-Type").orElse("none") + " " + mine.body())
                .isEqualTo(theirs.statusCode() + " " + theirs.headers().firstValue("Content-Type").orElse("none") + " "
                        + theirs.body());
    }

    /** The API's answers that carry CORS headers there (its JSON and OPTIONS anywhere below it), and some that do not. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /api/v1/status", "GET /api/v1/metrics", "OPTIONS /api/v1/status",
            "OPTIONS /api/v1/metrics", "OPTIONS /api/v1/admin/wipe", "OPTIONS /api/v1/no/such/path",
            "POST /api/v1/status", "GET /api/v1/admin/wipe", "PUT /api/v1/admin/wipe"})
    void answersTheApiWithTheReferencesCorsHeaders(String request) throws Exception {
        Step step = Step.of(request.split(" ")[0], request.split(" ")[1], null);
        assertThat(corsAnswer(send(ours.url(step.path()), step)))
                .isEqualTo(corsAnswer(send(reference.url(step.path()), step)));
    }

    private static String corsAnswer(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("access-control-") || lower.equals("cache-control") || lower.equals("allow")) {
                headers.put(lower, values);
            }
        });
        return response.statusCode() + " " + headers;
    }

    private static String answer(HttpResponse<String> response) {
        if (response.body().contains(" is not a ")) {
            // which of two clashing series the reference names depends on Go's random map order
            return response.statusCode() + " type clash";
        }
        String body = response.statusCode() >= 400 && response.statusCode() != 404 && response.statusCode() != 405
                ? " " + response.body().trim() : "";
        return response.statusCode() + body;
    }

    private static HttpResponse<String> send(String url, Step step) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(step.method(), step.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(step.body()));
        if (step.contentType() != null) {
            request.header("Content-Type", step.contentType());
        }
        if (step.contentEncoding() != null) {
            request.header("Content-Encoding", step.contentEncoding());
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void wipe(String base) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/wipe"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
    }

    /**
     * The pushed families on a metrics page, one line per series: the gateways' own metrics are left out, and
     * push times are reduced to whether they are set.
     */
    static Set<String> storedState(String metricsUrl, boolean withHelp) throws Exception {
        byte[] page = CLIENT.send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        Set<String> lines = new TreeSet<>();
        for (MetricFamily family : new TextFormatParser().parse(page)) {
            String name = family.name();
            if (name.startsWith("go_") || name.startsWith("process_") || name.startsWith("pushgateway_")
                    || name.startsWith("stackdriver_pushgateway_")) {
                continue;
            }
            boolean pushTime = name.equals("push_time_seconds") || name.equals("push_failure_time_seconds");
            for (Metric metric : family.metrics()) {
                String value = pushTime ? (metric.value() > 0 ? "set" : "0") : values(metric);
                String help = withHelp ? " help=" + family.help() : "";
                lines.add(name + " " + family.type() + help + " " + metric.labels() + " " + value);
            }
        }
        return lines;
    }

    private static String values(Metric metric) {
        StringBuilder sb = new StringBuilder(GoFloat.format(metric.value()));
        sb.append(" count=").append(GoFloat.format(metric.count())).append(" sum=").append(GoFloat.format(metric.sum()));
        for (int i = 0; i < metric.bucketBounds().length; i++) {
            sb.append(" le").append(GoFloat.format(metric.bucketBounds()[i])).append('=').append(GoFloat.format(metric.bucketCounts()[i]));
        }
        for (int i = 0; i < metric.quantiles().length; i++) {
            sb.append(" q").append(GoFloat.format(metric.quantiles()[i])).append('=').append(GoFloat.format(metric.quantileValues()[i]));
        }
        return sb.toString();
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
