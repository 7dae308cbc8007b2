package stackdriver.pushgateway.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Pushgateway's command-line flags, accepted the same way ({@code --flag=value}, {@code --flag value},
 * {@code --bool-flag}, {@code --no-bool-flag}) so a Deployment's args carry over, plus
 * {@code --gateway.<property>=<value>} for any of our settings.
 */
public final class CommandLine {

    /** Pushgateway flag → our property. */
    static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("web.listen-address", "gateway.web.listen-address"),
            Map.entry("web.telemetry-path", "gateway.web.telemetry-path"),
            Map.entry("web.route-prefix", "gateway.web.route-prefix"),
            Map.entry("web.external-url", "gateway.web.external-url"),
            Map.entry("web.enable-admin-api", "gateway.web.enable-admin-api"),
            Map.entry("web.enable-lifecycle", "gateway.web.enable-lifecycle"),
            Map.entry("web.config.file", "gateway.web.config-file"),
            Map.entry("web.systemd-socket", "gateway.web.systemd-socket"),
            Map.entry("web.local-assets", "gateway.web.local-assets"),
            Map.entry("persistence.file", "gateway.persistence.file"),
            Map.entry("persistence.interval", "gateway.persistence.interval"),
            Map.entry("push.disable-consistency-check", "gateway.push.disable-consistency-check"),
            Map.entry("push.enable-utf8-names", "gateway.push.enable-utf8-names"),
            Map.entry("log.level", "gateway.log.level"),
            Map.entry("log.format", "gateway.log.format"));

    private static final Set<String> BOOLEAN_FLAGS = Set.of("web.enable-admin-api", "web.enable-lifecycle",
            "push.disable-consistency-check", "push.enable-utf8-names", "web.systemd-socket");

    private final Map<String, String> properties;
    private final boolean version;
    private final boolean help;

    private CommandLine(Map<String, String> properties, boolean version, boolean help) {
        this.properties = properties;
        this.version = version;
        this.help = help;
    }

    public static CommandLine parse(String... args) {
        Map<String, String> properties = new LinkedHashMap<>();
        boolean version = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--version")) {
                version = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("--help-long")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + ", try --help");
            }
            String flag = arg.substring(2);
            String value = null;
            int eq = flag.indexOf('=');
            if (eq >= 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            boolean negated = flag.startsWith("no-") && BOOLEAN_FLAGS.contains(flag.substring(3));
            if (negated) {
                flag = flag.substring(3);
            }
            String property = flag.startsWith("gateway.") ? flag : FLAGS.get(flag);
            if (property == null) {
                throw new IllegalArgumentException("unknown long flag '--" + flag + "', try --help");
            }
            if (BOOLEAN_FLAGS.contains(flag)) {
                value = negated ? "false" : value == null ? "true" : value;
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected argument for flag '--" + flag + "'");
                }
                value = args[++i];
            }
            properties.put(property, value);
        }
        return new CommandLine(properties, version, help);
    }

    /** The Pushgateway flags and the property each sets. */
    public static Map<String, String> flags() {
        return FLAGS;
    }

    public Map<String, String> properties() {
        return properties;
    }

    public boolean versionRequested() {
        return version;
    }

    public boolean helpRequested() {
        return help;
    }

    public static String usage() {
        StringBuilder sb = new StringBuilder("usage: java -jar stackdriver-pushgateway.jar [<flags>]\n"
                + "       java -jar stackdriver-pushgateway.jar emulator [--port=N] [--rest-port=N]\n\nFlags:\n"
                + "  --help                  Show this help.\n  --version               Show the version.\n");
        FLAGS.keySet().stream().sorted().forEach(flag -> sb.append("  --").append(flag)
                .append(BOOLEAN_FLAGS.contains(flag) ? "" : "=VALUE").append("    (").append(FLAGS.get(flag)).append(")\n"));
        sb.append("  --gateway.<property>=VALUE   any setting of config/application.properties\n");
        return sb.toString();
    }
}
