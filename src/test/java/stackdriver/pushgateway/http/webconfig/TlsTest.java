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
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.RunningGateway;
import stackdriver.pushgateway.support.SlowClient;

class TlsTest {

    @TempDir
    Path dir;

    private RunningGateway gateway(String yaml, String... settings) throws Exception {
        Path file = Files.writeString(dir.resolve("web.yml"), yaml);
        List<String> all = new ArrayList<>(List.of("gateway.web.config-file", file.toString()));
        all.addAll(List.of(settings));
        return RunningGateway.start(all.toArray(String[]::new));
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

    @Test
    void aClientTricklingItsHeadersOverTlsIsClosedAfterTheHeaderTimeout() throws Exception {
        Pem.selfSigned(dir, "server");
        try (RunningGateway gateway = gateway("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n",
                "gateway.web.header-timeout", "1s");
                SSLSocket socket = (SSLSocket) sslContext().getSocketFactory().createSocket("127.0.0.1", gateway.port())) {
            socket.startHandshake();
            String request = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(60) + "\r\n\r\n";

            // each byte a TLS record of its own
            SlowClient.Trickled trickled = SlowClient.trickle(socket, "", request, Duration.ofSeconds(5));

            assertThat(trickled.closed()).as("closed within 5 s").isTrue();
            assertThat(trickled.bytesSent()).as("headers sent before the close").isLessThan(request.length());
        }
    }

    private static URI https(RunningGateway gateway, String path) {
        return URI.create("https://127.0.0.1:" + gateway.port() + path);
    }

    /** A client trusting server.crt. */
    private HttpClient client() throws Exception {
        return HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private SSLContext sslContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("server.crt")))));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
