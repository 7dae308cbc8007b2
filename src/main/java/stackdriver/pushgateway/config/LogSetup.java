package stackdriver.pushgateway.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies {@code --log.level} (debug, info, warn, error) and {@code --log.format} (logfmt, json) as the Pushgateway
 * names them: one line per event on standard error, through java.util.logging (SLF4J's backend here).
 */
public final class LogSetup {

    private static final Map<String, Level> LEVELS = Map.of("debug", Level.FINE, "info", Level.INFO,
            "warn", Level.WARNING, "error", Level.SEVERE);
    private static final Set<String> FORMATS = Set.of("logfmt", "json");
    /** Chatty at info: only their warnings and errors are shown. Held here: java.util.logging forgets levels of loggers no one holds. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.apache.camel"), Logger.getLogger("io.grpc"),
            Logger.getLogger("io.netty"));

    private LogSetup() {
    }

    public static void apply(String level, String format) {
        Level threshold = LEVELS.get(level.toLowerCase(Locale.ROOT));
        if (threshold == null) {
            throw new IllegalArgumentException("log level \"" + level + "\" must be one of " + LEVELS.keySet());
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("log format \"" + format + "\" must be one of " + FORMATS);
        }
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler stderr = new ConsoleHandler();
        stderr.setLevel(Level.ALL);
        stderr.setFormatter(new LogLineFormat(format.equals("json")));
        root.addHandler(stderr);
        root.setLevel(threshold);
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
