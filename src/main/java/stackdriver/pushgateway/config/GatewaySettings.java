package stackdriver.pushgateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting, resolved once at start: the defaults packaged with the code (the repository's
 * {@code config/application.properties}), then the configuration file, then environment variables
 * ({@code gateway.export.interval} ← {@code GATEWAY_EXPORT_INTERVAL}), then the command line. Every documented
 * setting can be set each way whatever the file holds. The environment is matched against the settings' names
 * ourselves because camel-main ignores variables ending in {@code _PORT}.
 */
public final class GatewaySettings {
    private static final String DEFAULTS = "application.properties";

    private final Properties properties;

    private GatewaySettings(Properties properties) {
        this.properties = properties;
    }

    public static GatewaySettings load(Path configFile, Map<String, String> env, Map<String, String> commandLine) {
        Properties properties = defaults();
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

    private static Properties defaults() {
        Properties defaults = new Properties();
        try (InputStream in = GatewaySettings.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("the packaged default settings (" + DEFAULTS + ") are missing");
            }
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
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
        long value = getLong(key);
        if (value != (int) value) {
            throw new IllegalArgumentException("setting " + key + " must be at most " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) value;
    }

    public long getLong(String key) {
        String value = get(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, not \"" + value + "\"");
        }
    }

    /** A size or a count that must be above zero. */
    public long getPositiveLong(String key) {
        long value = getLong(key);
        if (value <= 0) {
            throw new IllegalArgumentException("setting " + key + " must be above 0, not " + value);
        }
        return value;
    }

    public int getPositiveInt(String key) {
        int value = getInt(key);
        if (value <= 0) {
            throw new IllegalArgumentException("setting " + key + " must be above 0, not " + value);
        }
        return value;
    }

    public Duration getDuration(String key) {
        return DurationText.parse(key, get(key));
    }

    public Duration getPositiveDuration(String key) {
        Duration value = getDuration(key);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("setting " + key + " must be a duration above 0, not " + get(key));
        }
        return value;
    }

    /** One of {@code choices}, as written in the settings. */
    public String getChoice(String key, String... choices) {
        String value = get(key);
        for (String choice : choices) {
            if (choice.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("setting " + key + " must be " + String.join(", ", choices)
                + ", not \"" + value + "\"");
    }

    /** {@code [host]:port} of {@code gateway.web.listen-address}. */
    public ListenAddress listenAddress() {
        return ListenAddress.parse(get("gateway.web.listen-address"));
    }
}
