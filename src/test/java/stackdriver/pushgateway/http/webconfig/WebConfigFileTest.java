package stackdriver.pushgateway.http.webconfig;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import stackdriver.pushgateway.support.RunningGateway;

class WebConfigFileTest {

    @TempDir
    Path dir;

    private Path configFile(String yaml) throws Exception {
        Path file = dir.resolve("web.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String bcrypt(String password) {
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), new byte[16], 4);
    }

    @Test
    void unknownKeyIsRefusedAtStartWithItsName() throws Exception {
        Path file = configFile("basic_auth_users:\n  alice: '" + bcrypt("x") + "'\nbasic_auth_user:\n  bob: x\n");
        assertThatThrownBy(() -> RunningGateway.start("gateway.web.config-file", file.toString()))
                .hasMessageContaining("unknown key basic_auth_user");
    }

    @Test
    void unsupportedTlsOptionIsRefusedAtStartWithItsName() throws Exception {
        Path file = configFile("tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n  min_version: TLS13\n");
        assertThatThrownBy(() -> WebConfigFile.load(file))
                .hasMessageContaining("tls_server_config.min_version is not supported");
    }

    @Test
    void missingOrUnparsableFileIsRefused() throws Exception {
        assertThatThrownBy(() -> WebConfigFile.load(dir.resolve("absent.yml")))
                .hasMessageContaining("absent.yml").hasMessageContaining("does not exist");
        Path file = configFile("basic_auth_users: [unclosed\n");
        assertThatThrownBy(() -> WebConfigFile.load(file)).hasMessageContaining("not valid YAML");
    }

    @Test
    void passwordThatIsNotABcryptHashIsRefused() throws Exception {
        Path file = configFile("basic_auth_users:\n  alice: plaintext\n");
        assertThatThrownBy(() -> WebConfigFile.load(file)).hasMessageContaining("basic_auth_users.alice is not a bcrypt hash");
    }

    @Test
    void clientCertificateVerificationIsRefused() throws Exception {
        Path file = configFile("tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n"
                + "  client_auth_type: RequireAndVerifyClientCert\n");
        assertThatThrownBy(() -> WebConfigFile.load(file))
                .hasMessageContaining("client_auth_type RequireAndVerifyClientCert is not supported");
    }
}
