package stackdriver.pushgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.MetricDescriptor;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ProjectName;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import stackdriver.pushgateway.export.MonitoringBackend;
import stackdriver.pushgateway.support.HeadlessChromium;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.RunningGateway;
import stackdriver.pushgateway.support.TestClock;

/** The web page at {@code /}, in a real browser: what an operator opens to see what was pushed and exported. */
class WebPageBrowserTest {
    /**
     * The page with a group expanded, as the README shows it; written under target/ so that a test run leaves the
     * sources as they were. To refresh the README's picture: {@code mvn verify -Dtest=WebPageBrowserTest
     * -Dsurefire.failIfNoSpecifiedTests=false -Dweb-page.screenshot=docs/web-page.png}.
     */
    private static final Path SCREENSHOT = Path.of(System.getProperty("web-page.screenshot", "target/web-page.png"));

    @TempDir
    Path dir;

    @Test
    void operatorSeesAGroupExpandsItReadsWhyASeriesWasRejectedAndDeletesTheGroup() throws Exception {
        TestClock clock = new TestClock(Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS));
        try (RunningGateway gateway = RunningGateway.start(clock, "gateway.export.interval", "1h");
                HeadlessChromium browser = new HeadlessChromium()) {
            declareOrdersAsCumulative(gateway);
            push(gateway, "/metrics/job/shop/instance/web-1", """
                    # HELP orders Orders taken in the last hour.
                    # TYPE orders gauge
                    orders{shop="north"} 42
                    # HELP checkout_seconds Time to check out.
                    # TYPE checkout_seconds histogram
                    checkout_seconds_bucket{le="0.5"} 7
                    checkout_seconds_bucket{le="2"} 9
                    checkout_seconds_bucket{le="+Inf"} 10
                    checkout_seconds_sum 6.5
                    checkout_seconds_count 10
                    """);
            push(gateway, "/metrics/job/nightly-backup", """
                    # HELP backup_duration_seconds How long the nightly backup took.
                    # TYPE backup_duration_seconds summary
                    backup_duration_seconds{quantile="0.5"} 91
                    backup_duration_seconds{quantile="0.99"} 130
                    backup_duration_seconds_sum 2200
                    backup_duration_seconds_count 24
                    """);
            push(gateway, "/metrics/job/ci-build/branch/main", "# TYPE builds_total counter\nbuilds_total 318\n");
            clock.advance(Duration.ofMinutes(1));
            gateway.gateway().export().cycle().runOnce();

            browser.driver().get(gateway.url("/"));
            WebElement shop = groupCard(browser, "job=\"shop\"");
            assertThat(shop.getText()).contains("instance=\"web-1\"").contains("1 series not written");
            shop.findElement(By.cssSelector(".group-head .labels")).click();
            WebElement orders = family(browser, shop, "orders");
            orders.findElement(By.cssSelector(".family-head")).click();
            WebElement reason = browser.waiting().until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(orders,
                    By.cssSelector(".rejected .reason"))).get(0);
            assertThat(reason.getText()).contains("Metric kind for metric prometheus.googleapis.com/orders/gauge must be"
                    + " CUMULATIVE, but is GAUGE");
            assertThat(orders.getText()).contains("prometheus.googleapis.com/orders/gauge").contains("42");

            // the expansion is kept across a refresh
            browser.driver().navigate().refresh();
            shop = groupCard(browser, "job=\"shop\"");
            orders = family(browser, shop, "orders");
            browser.waiting().until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(orders,
                    By.cssSelector(".rejected .reason")));
            WebElement histogram = family(browser, shop, "checkout_seconds");
            histogram.findElement(By.cssSelector(".family-head")).click();
            assertThat(browser.waiting().until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(histogram,
                    By.cssSelector("table.inner"))).get(0).getText()).containsSubsequence("le 0.5 7", "le 2 9", "le +Inf 10", "sum 6.5");
            Files.write(SCREENSHOT, browser.driver().getScreenshotAs(OutputType.BYTES));

            shop.findElement(By.cssSelector("button.delete-group")).click();
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("confirm-yes"))).click();
            browser.waiting().until(ExpectedConditions.stalenessOf(shop));
            assertThat(browser.driver().findElement(By.id("groups")).getText()).doesNotContain("job=\"shop\"")
                    .contains("job=\"nightly-backup\"");
            Poll.until("the group is gone from /metrics", HeadlessChromium.WAIT,
                    () -> !gateway.metricsPage().contains("job=\"shop\""));
        }
    }

    @Test
    void aNativeHistogramShowsEachBucketWithItsBoundsAndWhichEndsItHolds() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("gateway.export.interval", "1h");
                HeadlessChromium browser = new HeadlessChromium()) {
            PrometheusRegistry registry = new PrometheusRegistry();
            Histogram latency = Histogram.builder().name("rpc_seconds").help("RPC latency.").nativeOnly()
                    .nativeInitialSchema(0).register(registry);
            for (double seconds : new double[] {0.7, 1.5, 1.6, 3, -0.7}) {
                latency.observe(seconds);
            }
            PushGateway.builder().address("127.0.0.1:" + gateway.port()).job("rpc").format(Format.PROMETHEUS_PROTOBUF)
                    .registry(registry).build().push();

            browser.driver().get(gateway.url("/"));
            WebElement group = groupCard(browser, "job=\"rpc\"");
            group.findElement(By.cssSelector(".group-head .labels")).click();
            WebElement histogram = family(browser, group, "rpc_seconds");
            histogram.findElement(By.cssSelector(".family-head")).click();

            assertThat(browser.waiting().until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(histogram,
                    By.cssSelector("table.inner"))).get(0).getText()).containsSubsequence(
                    "[-1, -0.5) 1", "(0.5, 1] 1", "(1, 2] 2", "(2, 4] 1", "count 5", "sum 6.1");
        }
    }

    @Test
    void withBasicAuthThePageAsksForCredentialsAndShowsWithThem() throws Exception {
        String hash = OpenBSDBCrypt.generate("2y", "secret".toCharArray(), new byte[16], 4);
        Path webConfig = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  alice: '" + hash + "'\n");
        String credentials = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        try (RunningGateway gateway = RunningGateway.start("gateway.web.config-file", webConfig.toString());
                HeadlessChromium browser = new HeadlessChromium()) {
            assertThat(gateway.send(gateway.request("/metrics/job/guarded").header("Authorization", credentials)
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("guarded_value 1\n")).build()).statusCode())
                    .isEqualTo(200);

            HttpResponse<String> anonymous = gateway.send("GET", "/", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic");

            browser.driver().get(gateway.url("/"));
            assertThat(browser.driver().getPageSource()).doesNotContain("guarded");
            browser.sendHeader("Authorization", credentials);
            browser.driver().get(gateway.url("/"));
            assertThat(groupCard(browser, "job=\"guarded\"").getText()).contains("job=\"guarded\"");
            assertThat(browser.driver().findElement(By.id("settings-table")).getAttribute("textContent"))
                    .contains("gateway.web.config-file");
            assertThat(browser.driver().findElement(By.id("webconfig-table")).getAttribute("textContent"))
                    .contains("alice").contains(EffectiveSettings.MASK).doesNotContain(hash);
        }
    }

    @Test
    void groupWithAnExpiryTimeShowsWhenItExpires() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("gateway.export.interval", "1h");
                HeadlessChromium browser = new HeadlessChromium()) {
            push(gateway, "/metrics/job/ci-1234", "builds 1\n");
            String expiry = Instant.now().plus(Duration.ofHours(2)).toString();
            // the group TTL adds expires_at to each group; here the page's JSON is given one
            browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                    const original = window.fetch;
                    window.fetch = (url, init) => original(url, init).then(async response => {
                      if (!String(url).includes('/api/v1/groups?')) { return response; }
                      const body = await response.json();
                      body.data.groups.forEach(group => { group.expires_at = '%s'; });
                      return new Response(JSON.stringify(body), { status: 200 });
                    });
                    """.formatted(expiry)));
            browser.driver().get(gateway.url("/"));
            assertThat(groupCard(browser, "job=\"ci-1234\"").getText()).contains("expires in 2 h");
        }
    }

    /** Cloud Monitoring already knows orders/gauge as CUMULATIVE: the gateway's GAUGE points are rejected. */
    private static void declareOrdersAsCumulative(RunningGateway gateway) {
        try (MetricServiceClient client = MonitoringBackend.plaintextClient("127.0.0.1:" + gateway.emulator().port())) {
            client.createMetricDescriptor(ProjectName.of("local-project"), MetricDescriptor.newBuilder()
                    .setType("prometheus.googleapis.com/orders/gauge")
                    .setMetricKind(MetricDescriptor.MetricKind.CUMULATIVE)
                    .setValueType(MetricDescriptor.ValueType.DOUBLE).build());
        }
    }

    private static void push(RunningGateway gateway, String path, String body) throws Exception {
        HttpResponse<String> response = gateway.send("PUT", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static WebElement groupCard(HeadlessChromium browser, String label) {
        return browser.waiting().until(driver -> driver.findElements(By.cssSelector("#groups .group")).stream()
                .filter(card -> card.findElement(By.cssSelector(".group-head .labels")).getText().contains(label))
                .findFirst().orElse(null));
    }

    private static WebElement family(HeadlessChromium browser, WebElement group, String name) {
        return browser.waiting().until(driver -> group.findElements(By.cssSelector(".family")).stream()
                .filter(family -> name.equals(family.getAttribute("data-name"))).findFirst().orElse(null));
    }
}
