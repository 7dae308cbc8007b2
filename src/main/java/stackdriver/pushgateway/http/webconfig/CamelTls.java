package stackdriver.pushgateway.http.webconfig;

import java.security.SecureRandom;
import java.util.Base64;
import org.apache.camel.main.Main;

/**
 * Serves camel-main's embedded HTTP server over TLS: the key store made from the PEM files is bound as a
 * bean, and Camel's global SSL context parameters load it by reference (nothing is written to disk).
 */
public final class CamelTls {

    private CamelTls() {
    }

    public static void configure(Main main, WebConfigFile.Tls tls) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        main.bind("webConfigKeyStore", TlsKeyStore.serverKeyStore(tls.certFile(), tls.keyFile(), password.toCharArray()));
        main.addOverrideProperty("camel.ssl.enabled", "true");
        main.addOverrideProperty("camel.ssl.keyStore", "ref:webConfigKeyStore");
        main.addOverrideProperty("camel.ssl.keystorePassword", password);
        main.addOverrideProperty("camel.server.useGlobalSslContextParameters", "true");
    }
}
