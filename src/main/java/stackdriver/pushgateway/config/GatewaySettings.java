package stackdriver.pushgateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting, resolved once at start: {@code config/application.properties}, then environment variables
 * ({@code gateway.export.interval} ← {@code GATEWAY_EXPORT_INTERVAL}), then the command line. The
 * environment is matched against the file's keys ourselves because camel-main ignores variables ending
 * in {@code _PORT}.
 */
public final class GatewaySettings {

    private final Properties properties;

    private GatewaySettings(Properties properties) {
        this.properties = properties;
    }

    public static GatewaySettings load(Path configFile, Map<String, String> env, Map<String, String> commandLine) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration " + configFile.toAbsolutePath() + ": " + e);
        }
        for (String key : properties.stringPropertyNames()) {
            String fromEnv = env.get(environmentName(key));
            if (fromEnv != null) {
                properties.setProperty(key, fromEnv);
            }
        }
        commandLine.forEach(properties::setProperty);
        return new GatewaySettings(properties);
    }

    /** {@code gateway.web.listen-address} → {@code GATEWAY_WEB_LISTEN_ADDRESS}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Properties all() {
        return properties;
    }

    public String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing setting " + key);
        }
        return value.trim();
    }

    public String get(String key, String fallback) {
        String value = properties.getProperty(key);
        return value == null ? fallback : value.trim();
    }

    public boolean getBoolean(String key) {
        String value = get(key, "false");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("setting " + key + " must be true or false, not \"" + value + "\"");
        }
        return Boolean.parseBoolean(value);
    }

    public int getInt(String key) {
        return (int) getLong(key);
    }

    public long getLong(String key) {
        String value = get(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, not \"" + value + "\"");
        }
    }

    public Duration getDuration(String key) {
        return DurationText.parse(key, get(key));
    }

    /** {@code [host]:port} of {@code gateway.web.listen-address}. */
    public ListenAddress listenAddress() {
        return ListenAddress.parse(get("gateway.web.listen-address"));
    }
}
