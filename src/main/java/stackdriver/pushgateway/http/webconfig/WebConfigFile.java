package stackdriver.pushgateway.http.webconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The Prometheus exporter-toolkit web configuration ({@code --web.config.file}): TLS and basic auth users.
 * Whatever we do not implement is refused by name, so the gateway never serves with less protection than
 * the file asks for.
 */
public final class WebConfigFile {

    private static final Set<String> TOP_LEVEL = Set.of("tls_server_config", "basic_auth_users");
    private static final Set<String> TOP_LEVEL_UNSUPPORTED = Set.of("http_server_config", "rate_limit");
    private static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file", "client_auth_type");
    // client_ca_file: Camel's Vert.x server takes a trust store but never asks clients for a certificate
    private static final Set<String> TLS_UNSUPPORTED = Set.of("cert", "key", "client_ca_file", "client_allowed_sans",
            "cipher_suites", "curve_preferences", "min_version", "max_version", "prefer_server_cipher_suites");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    /** The server's certificate (chain) and key. */
    public record Tls(Path certFile, Path keyFile) {
    }

    private final Optional<Tls> tls;
    private final Map<String, String> users;

    private WebConfigFile(Optional<Tls> tls, Map<String, String> users) {
        this.tls = tls;
        this.users = users;
    }

    public Optional<Tls> tls() {
        return tls;
    }

    /** User name to bcrypt hash; empty: no basic auth. */
    public Map<String, String> users() {
        return users;
    }

    public static WebConfigFile load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw invalid(file, "the file does not exist");
        } catch (IOException e) {
            throw invalid(file, "cannot read it: " + e);
        }
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw invalid(file, "not valid YAML: " + e.getMessage());
        }
        if (document == null) {
            return new WebConfigFile(Optional.empty(), Map.of());
        }
        Map<String, Object> top = mapping(file, document, "the document");
        checkKeys(file, top, "", TOP_LEVEL, TOP_LEVEL_UNSUPPORTED);
        Path directory = file.toAbsolutePath().getParent();
        Optional<Tls> tls = top.get("tls_server_config") == null ? Optional.empty()
                : Optional.of(tls(file, directory, mapping(file, top.get("tls_server_config"), "tls_server_config")));
        return new WebConfigFile(tls, users(file, top.get("basic_auth_users")));
    }

    private static Tls tls(Path file, Path directory, Map<String, Object> tls) {
        checkKeys(file, tls, "tls_server_config.", TLS_KEYS, TLS_UNSUPPORTED);
        String cert = string(file, tls, "cert_file");
        String key = string(file, tls, "key_file");
        String authType = string(file, tls, "client_auth_type");
        if (cert.isEmpty() || key.isEmpty()) {
            throw invalid(file, "tls_server_config needs both cert_file and key_file");
        }
        if (!authType.isEmpty() && !authType.equals("NoClientCert")) {
            throw invalid(file, "tls_server_config.client_auth_type " + authType
                    + " is not supported (client certificates are not verified by this gateway)");
        }
        return new Tls(directory.resolve(cert), directory.resolve(key));
    }

    private static Map<String, String> users(Path file, Object value) {
        if (value == null) {
            return Map.of();
        }
        Map<String, String> users = new LinkedHashMap<>();
        mapping(file, value, "basic_auth_users").forEach((user, hash) -> {
            if (!(hash instanceof String text) || !BCRYPT.matcher(text).matches()) {
                throw invalid(file, "basic_auth_users." + user + " is not a bcrypt hash");
            }
            users.put(user, text);
        });
        return Map.copyOf(users);
    }

    private static void checkKeys(Path file, Map<String, Object> map, String prefix, Set<String> known,
            Set<String> unsupported) {
        for (String key : map.keySet()) {
            if (unsupported.contains(key)) {
                throw invalid(file, prefix + key + " is not supported by this gateway");
            }
            if (!known.contains(key)) {
                throw invalid(file, "unknown key " + prefix + key);
            }
        }
    }

    private static String string(Path file, Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text)) {
            throw invalid(file, key + " must be a string");
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Path file, Object value, String what) {
        if (!(value instanceof Map<?, ?> map) || !map.keySet().stream().allMatch(String.class::isInstance)) {
            throw invalid(file, what + " must be a mapping with string keys");
        }
        return (Map<String, Object>) map;
    }

    private static IllegalArgumentException invalid(Path file, String reason) {
        return new IllegalArgumentException("gateway.web.config-file (--web.config.file) " + file + ": " + reason);
    }
}
