package stackdriver.pushgateway;

import java.nio.file.Path;
import java.util.Arrays;
import stackdriver.pushgateway.config.CommandLine;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.config.LogSetup;
import stackdriver.pushgateway.config.Version;
import stackdriver.pushgateway.emulator.EmulatorCommand;
import stackdriver.pushgateway.persistence.CorruptStateException;

/** Starts the gateway, or with {@code emulator} as first argument only the Cloud Monitoring emulator. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("emulator")) {
            EmulatorCommand.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        CommandLine commandLine;
        GatewaySettings settings;
        try {
            commandLine = CommandLine.parse(args);
            if (commandLine.versionRequested()) {
                System.out.println("stackdriver-pushgateway, version " + Version.VERSION);
                return;
            }
            if (commandLine.helpRequested()) {
                System.out.print(CommandLine.usage());
                return;
            }
            String configFile = System.getenv().getOrDefault("GATEWAY_CONFIG", "config/application.properties");
            settings = GatewaySettings.load(Path.of(configFile), System.getenv(), commandLine.properties());
            LogSetup.apply(settings.get("gateway.log.level"), settings.get("gateway.log.format"));
            new Gateway(settings).run();
            System.exit(0); // run() returned: stopped by SIGTERM or /-/quit; gRPC and Vert.x threads must not hold the JVM
        } catch (IllegalArgumentException | CorruptStateException e) {
            System.err.println("stackdriver-pushgateway: error: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            // e.g. the export's backend could not start after the HTTP server did: its threads must not hold the JVM
            System.err.println("stackdriver-pushgateway: error: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }
}
