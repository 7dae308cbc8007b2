package stackdriver.pushgateway.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a TLS connection to Cloud Monitoring trusts: the JVM's own, and those of a PEM file
 * ({@code gateway.monitoring.trust-certificates}) for a proxy or a private endpoint signed by a CA of one's own.
 */
final class TrustRoots {

    private TrustRoots() {
    }

    /** The JVM's trust anchors and every certificate in {@code pem}. */
    static TrustManagerFactory withExtra(Path pem) throws IOException {
        try {
            KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            int n = 0;
            for (X509Certificate jvm : jvmTrustManager().getAcceptedIssuers()) {
                roots.setCertificateEntry("jvm-" + n++, jvm);
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(pem)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw new IOException("no PEM certificate in " + pem + " (gateway.monitoring.trust-certificates)");
            }
            for (Certificate certificate : extra) {
                roots.setCertificateEntry("extra-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(roots);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificates in " + pem + " (gateway.monitoring.trust-certificates): "
                    + e.getMessage(), e);
        }
    }

    private static X509TrustManager jvmTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}
