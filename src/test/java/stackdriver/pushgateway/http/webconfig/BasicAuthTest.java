package stackdriver.pushgateway.http.webconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.RunningGateway;

class BasicAuthTest {

    @TempDir
    Path dir;

    private RunningGateway gatewayWithAlice() throws Exception {
        String hash = OpenBSDBCrypt.generate("2y", "secret".toCharArray(), new byte[16], 4);
        Path file = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  alice: '" + hash + "'\n");
        return RunningGateway.start("gateway.web.config-file", file.toString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static HttpResponse<String> push(RunningGateway gateway, String authorization) throws Exception {
        return gateway.send(authorized(gateway.request("/metrics/job/auth"), authorization)
                .POST(HttpRequest.BodyPublishers.ofString("some_metric 1\n")).build());
    }

    @Test
    void pushAndMetricsPageWithValidCredentialsAreServed() throws Exception {
        try (RunningGateway gateway = gatewayWithAlice()) {
            assertThat(push(gateway, basic("alice", "secret")).statusCode()).isEqualTo(200);
            assertThat(push(gateway, basic("alice", "secret")).statusCode()).isEqualTo(200); // the cached check
            HttpResponse<String> page = gateway.send(authorized(gateway.request("/metrics"), basic("alice", "secret")).build());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("some_metric{instance=\"\",job=\"auth\"} 1");
        }
    }

    @Test
    void requestsWithoutOrWithWrongCredentialsAre401WithBasicChallenge() throws Exception {
        try (RunningGateway gateway = gatewayWithAlice()) {
            for (String authorization : new String[] {null, basic("alice", "wrong"), basic("bob", "secret"), "Basic !!"}) {
                HttpResponse<String> pushed = push(gateway, authorization);
                assertThat(pushed.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
                assertThat(pushed.headers().firstValue("WWW-Authenticate")).hasValue("Basic");
                HttpResponse<String> page = gateway.send(authorized(gateway.request("/metrics"), authorization).build());
                assertThat(page.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            }
            assertThat(gateway.gateway().store().groups()).isEmpty();
        }
    }
}
