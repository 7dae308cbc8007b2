package stackdriver.pushgateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.RunningGateway;

/** gateway.limits.series-total over HTTP: the answer a pusher gets, and what the gateway shows of its budget. */
class SeriesLimitTest {

    @Test
    void aPushBeyondTheSeriesLimitIsAnswered507WithTheReasonAndTheBudgetIsShown() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("gateway.limits.series-total", "3")) {
            assertThat(gateway.send("PUT", "/metrics/job/a", "x{i=\"1\"} 1\nx{i=\"2\"} 2\n").statusCode()).isEqualTo(200);

            HttpResponse<String> refused = gateway.send("POST", "/metrics/job/b", "y{i=\"1\"} 1\ny{i=\"2\"} 2\n");
            assertThat(refused.statusCode()).isEqualTo(507);
            assertThat(refused.body()).contains("gateway.limits.series-total").contains("2 series");
            assertThat(gateway.send("GET", "/api/v1/metrics", null).body()).doesNotContain("\"b\"");

            assertThat(gateway.metricsPage()).contains("stackdriver_pushgateway_series_limit 3")
                    .contains("stackdriver_pushgateway_series_budget_used 2")
                    .contains("stackdriver_pushgateway_series_limit_refused_pushes_total 1");
            assertThat(gateway.send("GET", "/api/v1/status", null).body())
                    .contains("\"series_limit\":{").contains("\"limit\":3").contains("\"used\":2");

            assertThat(gateway.send("DELETE", "/metrics/job/a", null).statusCode()).isEqualTo(202);
            assertThat(gateway.send("POST", "/metrics/job/b", "y{i=\"1\"} 1\ny{i=\"2\"} 2\n").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aJobBeyondItsShareIsAnswered507NamingTheJobWhileOthersPush() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("gateway.limits.series-per-job", "2")) {
            assertThat(gateway.send("PUT", "/metrics/job/a/instance/1", "x{i=\"1\"} 1\nx{i=\"2\"} 2\n").statusCode())
                    .isEqualTo(200);

            HttpResponse<String> refused = gateway.send("PUT", "/metrics/job/a/instance/2", "x 1\n");
            assertThat(refused.statusCode()).isEqualTo(507);
            assertThat(refused.body()).contains("job \"a\"").contains("gateway.limits.series-per-job");
            assertThat(gateway.send("PUT", "/metrics/job/b", "y{i=\"1\"} 1\ny{i=\"2\"} 2\n").statusCode()).isEqualTo(200);
            assertThat(gateway.send("GET", "/api/v1/status", null).body()).contains("\"per_job\":2");
        }
    }
}
