package stackdriver.pushgateway.http.webconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test certificates and keys made by openssl, as a user would make them. */
public final class Pem {

    private Pem() {
    }

    /** A self-signed certificate for 127.0.0.1 and its key, as {@code <name>.crt} and {@code <name>.key}. */
    public static void selfSigned(Path dir, String name, String... keyOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", name + ".key", "-out", name + ".crt"));
        command.addAll(keyOptions.length == 0 ? List.of("-newkey", "rsa:2048") : List.of(keyOptions));
        run(dir, command.toArray(String[]::new));
    }

    public static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }
}
