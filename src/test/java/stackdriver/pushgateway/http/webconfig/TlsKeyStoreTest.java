package stackdriver.pushgateway.http.webconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsKeyStoreTest {

    private static final char[] PASSWORD = "p".toCharArray();

    @TempDir
    Path dir;

    @Test
    void readsPkcs8RsaPkcs1AndSec1EcKeys() throws Exception {
        Pem.selfSigned(dir, "rsa");
        Pem.run(dir, "openssl", "rsa", "-in", "rsa.key", "-traditional", "-out", "rsa1.key");
        Pem.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
        Pem.run(dir, "openssl", "req", "-x509", "-key", "ec.key", "-out", "ec.crt", "-days", "1", "-subj", "/CN=x");
        assertThat(Files.readString(dir.resolve("rsa1.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("ec.key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");

        for (String[] pair : new String[][] {{"rsa.crt", "rsa.key"}, {"rsa.crt", "rsa1.key"}, {"ec.crt", "ec.key"}}) {
            KeyStore store = TlsKeyStore.serverKeyStore(dir.resolve(pair[0]), dir.resolve(pair[1]), PASSWORD);
            assertThat(store.getKey("server", PASSWORD)).as(pair[1]).isNotNull();
            assertThat(store.getCertificateChain("server")).hasSize(1);
        }
    }

    @Test
    void fileWithoutKeyIsRefused() throws Exception {
        Pem.selfSigned(dir, "server");
        assertThatThrownBy(() -> TlsKeyStore.serverKeyStore(dir.resolve("server.crt"), dir.resolve("server.crt"), PASSWORD))
                .hasMessageContaining("holds no unencrypted PEM PRIVATE KEY");
    }
}
