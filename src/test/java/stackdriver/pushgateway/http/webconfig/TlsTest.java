package stackdriver.pushgateway.http.webconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.RunningGateway;

class TlsTest {

    @TempDir
    Path dir;

    private RunningGateway gateway(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("web.yml"), yaml);
        return RunningGateway.start("gateway.web.config-file", file.toString());
    }

    @Test
    void servesHttpsWithThePemCertificateAndKeyAndNoPlainHttp() throws Exception {
        Pem.selfSigned(dir, "server");
        // relative paths are relative to the config file's directory, as in exporter-toolkit
        try (RunningGateway gateway = gateway("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n")) {
            HttpClient client = client();
            HttpResponse<String> pushed = client.send(HttpRequest.newBuilder(https(gateway, "/metrics/job/tls"))
                    .POST(HttpRequest.BodyPublishers.ofString("some_metric 2\n")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pushed.statusCode()).isEqualTo(200);
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(https(gateway, "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("some_metric{instance=\"\",job=\"tls\"} 2");
            assertThatThrownBy(() -> gateway.send("GET", "/metrics", null)).isInstanceOf(IOException.class);
        }
    }

    private static URI https(RunningGateway gateway, String path) {
        return URI.create("https://127.0.0.1:" + gateway.port() + path);
    }

    /** A client trusting server.crt. */
    private HttpClient client() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("server.crt")))));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
