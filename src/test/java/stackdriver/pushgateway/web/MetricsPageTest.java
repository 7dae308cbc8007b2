package stackdriver.pushgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.support.RunningGateway;

/** {@code GET /metrics} of a page many times the size of the pieces it is written in. */
class MetricsPageTest {

    @Test
    void aPageOfManyPiecesIsServedWholeWithItsLength() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            body.append("page_series{index=\"").append(i).append("\"} ").append(i).append('\n');
        }
        try (RunningGateway gateway = RunningGateway.start()) {
            assertThat(gateway.send("PUT", "/metrics/job/big", body.toString()).statusCode()).isEqualTo(200);

            HttpResponse<String> page = gateway.send("GET", "/metrics", null);

            assertThat(page.statusCode()).isEqualTo(200);
            long length = page.body().getBytes(StandardCharsets.UTF_8).length;
            assertThat(length).isGreaterThan(10 * 64 * 1024);
            assertThat(page.headers().firstValueAsLong("Content-Length")).hasValue(length);
            assertThat(page.body()).contains("page_series{index=\"0\",instance=\"\",job=\"big\"} 0\n")
                    .contains("page_series{index=\"19999\",instance=\"\",job=\"big\"} 19999\n")
                    .endsWith("\n");
            assertThat(page.body().lines().filter(line -> line.startsWith("page_series{"))).hasSize(20_000);
        }
    }
}
