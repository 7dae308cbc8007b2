package stackdriver.pushgateway.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Applies {@code --log.level} (debug, info, warn, error) and {@code --log.format} (logfmt, json) as the Pushgateway
 * names them: one line per event on standard error.
 */
public final class LogSetup {

    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");
    private static final Set<String> FORMATS = Set.of("logfmt", "json");
    private static final String TIME = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}{UTC}";
    private static final String LOGFMT = "ts=" + TIME + " level=%level{lowerCase=true} logger=%c{1} msg=\"%enc{%m}{JSON}\"%n%throwable";
    private static final String JSON = "{\"ts\":\"" + TIME + "\",\"level\":\"%level{lowerCase=true}\",\"logger\":\"%c{1}\","
            + "\"msg\":\"%enc{%m}{JSON}\"}%n";
    /** Chatty at info: only their warnings and errors are shown. */
    private static final List<String> QUIET = List.of("org.apache.camel", "io.grpc", "io.netty");

    private LogSetup() {
    }

    public static void apply(String level, String format) {
        if (!LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("log level \"" + level + "\" must be one of " + LEVELS);
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("log format \"" + format + "\" must be one of " + FORMATS);
        }
        // a configuration built here rather than read from a file: finding and parsing one (Log4j tries every
        // configuration format it knows, loading Jackson to see whether JSON is possible, then the JDK's XML
        // parser) took a fifth of the start-up. The application logs nothing before this, so nothing is reconfigured
        Configurator.initialize(configuration(Level.toLevel(level), format.equals("json") ? JSON : LOGFMT));
    }

    private static Configuration configuration(Level level, String pattern) {
        ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
        builder.setStatusLevel(Level.WARN);
        builder.add(builder.newAppender("stderr", "Console").addAttribute("target", "SYSTEM_ERR")
                .add(builder.newLayout("PatternLayout").addAttribute("pattern", pattern)));
        QUIET.forEach(name -> builder.add(builder.newLogger(name, Level.WARN)));
        builder.add(builder.newRootLogger(level).add(builder.newAppenderRef("stderr")));
        return builder.build(false);
    }
}
