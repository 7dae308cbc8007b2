package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.GatewayProcess;
import stackdriver.pushgateway.support.Poll;
import stackdriver.pushgateway.support.RunningGateway;
import stackdriver.pushgateway.support.TlsEmulator;
import stackdriver.pushgateway.support.TlsEmulator.Call;
import stackdriver.pushgateway.support.TokenEndpoint;

/**
 * {@code gateway.monitoring.backend=google} as production runs it: Google's client over TLS with Application
 * Default Credentials from {@code GOOGLE_APPLICATION_CREDENTIALS}, here sent to the emulator behind TLS at
 * {@code gateway.monitoring.endpoint} (its certificate trusted through {@code gateway.monitoring.trust-certificates})
 * and getting its tokens from a token endpoint on loopback.
 */
class GoogleBackendTest {
    private static final String CREATE_TIME_SERIES = "google.monitoring.v3.MetricService/CreateTimeSeries";
    private static final Duration WITHIN_INTERVALS = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void writesOverTlsWithTheUsersTokenTheRoutingHeaderGooglesClientHeadersAndTheQuotaProject() throws Exception {
        try (TlsEmulator emulator = TlsEmulator.start(dir); TokenEndpoint tokens = TokenEndpoint.start(3600);
                GatewayProcess gateway = start(emulator, userCredentials(tokens))) {
            push(gateway);

            Call call = firstWrite(emulator);

            assertThat(call.headers()).containsEntry("authorization", "Bearer token-1")
                    .containsEntry("x-goog-request-params", "name=projects%2Fdemo-project")
                    .containsEntry("x-goog-user-project", "billing-project");
            assertThat(call.headers().get("x-goog-api-client")).contains("gl-java/").contains("gapic/").contains("grpc/");
            assertThat(call.headers().get("user-agent")).contains("grpc-java");
            assertThat(tokens.requests().get(0)).contains("grant_type=refresh_token").contains("refresh_token=a-refresh-token")
                    .contains("client_id=a-client");
            Poll.until("the points were stored", WITHIN_INTERVALS, () -> emulator.emulator().writtenPoints() > 0);
        }
    }

    @Test
    void aTokenThatExpiresIsRefreshedForTheNextRequest() throws Exception {
        try (TlsEmulator emulator = TlsEmulator.start(dir); TokenEndpoint tokens = TokenEndpoint.start(1);
                GatewayProcess gateway = start(emulator, userCredentials(tokens))) {
            push(gateway);

            Poll.until("two export intervals wrote", WITHIN_INTERVALS, () -> writes(emulator).size() >= 2);

            assertThat(writes(emulator).subList(0, 2)).extracting(call -> call.headers().get("authorization"))
                    .containsExactly("Bearer token-1", "Bearer token-2");
            assertThat(tokens.requests()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aServiceAccountKeySignsItsOwnTokenAsGooglesClientDoesForCloudMonitoring() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        try (TlsEmulator emulator = TlsEmulator.start(dir); TokenEndpoint tokens = TokenEndpoint.start(3600);
                GatewayProcess gateway = start(emulator, serviceAccountKey(key, tokens))) {
            push(gateway);

            Call call = firstWrite(emulator);

            String bearer = call.headers().get("authorization");
            assertThat(bearer).startsWith("Bearer ");
            String[] jwt = bearer.substring("Bearer ".length()).split("\\.");
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key.getPublic());
            rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("signed with the key").isTrue();
            JsonObject claims = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(jwt[1]),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            assertThat(claims.get("iss").getAsString()).isEqualTo("pushgateway@demo-project.iam.gserviceaccount.com");
            assertThat(claims.get("scope").getAsString()).contains("https://www.googleapis.com/auth/monitoring");
            assertThat(call.headers()).containsEntry("x-goog-request-params", "name=projects%2Fdemo-project");
            assertThat(tokens.requests()).as("no token asked for: the key signs its own").isEmpty();
        }
    }

    @Test
    void aTokenEndpointThatRefusesIsReportedOnceAndAskedAgainEveryIntervalWhileTheGatewayServes() throws Exception {
        Path log = dir.resolve("gateway.log");
        try (TlsEmulator emulator = TlsEmulator.start(dir); TokenEndpoint tokens = TokenEndpoint.start(3600)) {
            tokens.refuse(true);
            try (GatewayProcess gateway = start(emulator, userCredentials(tokens), log)) {
                push(gateway);

                Poll.until("two intervals asked for a token", WITHIN_INTERVALS, () -> tokens.requests().size() >= 2);

                List<String> reports = Files.readAllLines(log).stream()
                        .filter(line -> line.contains("Cannot write to Cloud Monitoring")).toList();
                assertThat(reports).hasSize(1);
                assertThat(reports.get(0)).contains("the credentials gave no access token").contains("400")
                        .contains("invalid_grant").contains("tries again every interval");
                assertThat(writes(emulator)).as("nothing was sent without a token").isEmpty();
                assertThat(status(gateway, "/-/ready")).isEqualTo(200);

                tokens.refuse(false);
                Poll.until("the points were written once a token came", WITHIN_INTERVALS,
                        () -> emulator.emulator().writtenPoints() > 0);
                Poll.until("the recovery was logged", WITHIN_INTERVALS,
                        () -> Files.readString(log).contains("The credentials give access tokens again"));
            }
        }
    }

    private GatewayProcess start(TlsEmulator emulator, Path credentials) throws Exception {
        return start(emulator, credentials, dir.resolve("gateway.log"));
    }

    private static GatewayProcess start(TlsEmulator emulator, Path credentials, Path log) throws Exception {
        return GatewayProcess.start(RunningGateway.freePort(), log,
                Map.of("GOOGLE_APPLICATION_CREDENTIALS", credentials.toString()),
                "--gateway.monitoring.backend=google", "--gateway.google.project-id=demo-project",
                "--gateway.monitoring.endpoint=" + emulator.endpoint(),
                "--gateway.monitoring.trust-certificates=" + emulator.certificate(),
                "--gateway.export.interval=5s");
    }

    /** A user's Application Default Credentials, as {@code gcloud auth application-default login} writes them. */
    private Path userCredentials(TokenEndpoint tokens) throws Exception {
        return Files.writeString(dir.resolve("adc.json"), """
                {"type": "authorized_user", "client_id": "a-client", "client_secret": "a-secret",
                 "refresh_token": "a-refresh-token", "quota_project_id": "billing-project", "token_uri": "%s"}
                """.formatted(tokens.uri()));
    }

    /** A service account's key file, as the Cloud console hands it out. */
    private Path serviceAccountKey(KeyPair key, TokenEndpoint tokens) throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
        return Files.writeString(dir.resolve("key.json"), """
                {"type": "service_account", "project_id": "demo-project", "private_key_id": "key-1",
                 "private_key": "%s", "client_email": "pushgateway@demo-project.iam.gserviceaccount.com",
                 "client_id": "1234", "token_uri": "%s"}
                """.formatted(pem, tokens.uri()));
    }

    private static Call firstWrite(TlsEmulator emulator) throws Exception {
        Poll.until("a CreateTimeSeries call reached the emulator", WITHIN_INTERVALS, () -> !writes(emulator).isEmpty());
        return writes(emulator).get(0);
    }

    private static List<Call> writes(TlsEmulator emulator) {
        return emulator.calls().stream().filter(call -> call.method().equals(CREATE_TIME_SERIES)).toList();
    }

    private static void push(GatewayProcess gateway) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.url("/metrics/job/my_job")))
                .PUT(HttpRequest.BodyPublishers.ofString("my_metric 99\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static int status(GatewayProcess gateway, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url(path))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
