package stackdriver.pushgateway.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import stackdriver.pushgateway.http.webconfig.WebConfigFile;

/** Every setting in force, for the status page, with what could be a secret masked. */
public final class EffectiveSettings {
    public static final String MASK = "<secret>";
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|key|credentials).*");

    private EffectiveSettings() {
    }

    /** Each setting and its value; a value whose key names a password, secret, token, key or credentials is masked. */
    public static Map<String, String> of(Properties all) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : all.stringPropertyNames()) {
            settings.put(key, masked(key, all.getProperty(key)));
        }
        return settings;
    }

    /** The value, or the mask when the key says it may be a secret (an empty value stays empty: nothing is hidden). */
    public static String masked(String key, String value) {
        return value.isEmpty() || !SECRET.matcher(key).matches() ? value : MASK;
    }

    /** What {@code --web.config.file} sets up: TLS or not, and its users, whose password hashes are masked. */
    public static Map<String, Object> webConfig(Optional<WebConfigFile> file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tls", file.flatMap(WebConfigFile::tls).isPresent());
        Map<String, String> users = new TreeMap<>();
        file.ifPresent(config -> config.users().keySet().forEach(user -> users.put(user, MASK)));
        json.put("basic_auth_users", users);
        return json;
    }
}
