package stackdriver.pushgateway.config;

import java.util.Locale;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Applies {@code --log.level} (debug, info, warn, error) and {@code --log.format} (logfmt, json) as the Pushgateway names them. */
public final class LogSetup {

    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");
    private static final Set<String> FORMATS = Set.of("logfmt", "json");

    private LogSetup() {
    }

    public static void apply(String level, String format) {
        if (!LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("log level \"" + level + "\" must be one of " + LEVELS);
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("log format \"" + format + "\" must be one of " + FORMATS);
        }
        System.setProperty("gateway.log.format", format);
        Configurator.reconfigure();
        Configurator.setRootLevel(Level.toLevel(level, Level.INFO));
    }
}
