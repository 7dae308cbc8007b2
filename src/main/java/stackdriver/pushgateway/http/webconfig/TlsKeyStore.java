package stackdriver.pushgateway.http.webconfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The PEM files of {@code tls_server_config} as the in-memory PKCS12 key store that Camel's SSL context
 * parameters load: Go servers take PEM, the JDK takes key stores.
 */
public final class TlsKeyStore {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    private TlsKeyStore() {
    }

    /** The key and its certificate chain under the alias "server", protected by {@code password}. */
    public static KeyStore serverKeyStore(Path certFile, Path keyFile, char[] password) {
        List<Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("tls_server_config: key_file " + keyFile
                    + " does not match cert_file " + certFile + ": " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file) {
        List<Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add(factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tls_server_config: " + file + ": bad certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("tls_server_config: " + file + " holds no PEM CERTIFICATE");
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file) {
        for (Block block : blocks(file)) {
            try {
                switch (block.type()) {
                    case "PRIVATE KEY":
                        return pkcs8(block.der());
                    case "RSA PRIVATE KEY":
                        return pkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                                DERNull.INSTANCE), ASN1Primitive.fromByteArray(block.der())).getEncoded());
                    case "EC PRIVATE KEY":
                        ECPrivateKey ec = ECPrivateKey.getInstance(block.der());
                        return pkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                                ec.getParametersObject()), ec).getEncoded());
                    default:
                        break;
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("tls_server_config.key_file " + file + ": bad " + block.type()
                        + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("tls_server_config.key_file " + file
                + " holds no unencrypted PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY");
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm: PKCS#8 names it, but KeyFactory wants it up front
            }
        }
        throw new IllegalArgumentException("a private key of an algorithm other than RSA, EC, Ed25519 or Ed448");
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("tls_server_config: cannot read " + file + ": " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
        }
        return blocks;
    }
}
