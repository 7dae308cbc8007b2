package stackdriver.pushgateway.config;

import java.util.Locale;
import java.util.Set;

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
        // read by log4j2.xml when logging starts; the application logs nothing before this, so no
        // reconfiguration (which costs a good part of the start-up) is needed
        System.setProperty("gateway.log.format", format);
        System.setProperty("gateway.log.level", level.toLowerCase(Locale.ROOT));
    }
}
