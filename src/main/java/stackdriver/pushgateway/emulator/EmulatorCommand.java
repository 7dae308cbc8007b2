package stackdriver.pushgateway.emulator;

import java.io.PrintStream;

/**
 * {@code java -jar stackdriver-pushgateway.jar emulator [--port=N] [--rest-port=N] [--points-per-series=N]}: runs
 * only the Cloud Monitoring emulator, in the foreground, until SIGTERM or Ctrl-C.
 */
public final class EmulatorCommand {
    public static final int DEFAULT_PORT = 8095;
    public static final int DEFAULT_REST_PORT = 8096;

    private EmulatorCommand() {
    }

    /** The ports and the points kept per series, as asked for on the command line. */
    record Options(int port, int restPort, int pointsPerSeries) {

        Options(int port, int restPort) {
            this(port, restPort, MetricServiceEmulator.DEFAULT_MAX_POINTS_PER_SERIES);
        }

        /** @throws IllegalArgumentException on an unknown argument or a bad number */
        static Options parse(String[] args) {
            int port = DEFAULT_PORT;
            int restPort = DEFAULT_REST_PORT;
            int pointsPerSeries = MetricServiceEmulator.DEFAULT_MAX_POINTS_PER_SERIES;
            for (String arg : args) {
                if (arg.startsWith("--port=")) {
                    port = number(arg, 0, 65535, "bad port");
                } else if (arg.startsWith("--rest-port=")) {
                    restPort = number(arg, MetricServiceEmulator.OFF, 65535, "bad port");
                } else if (arg.startsWith("--points-per-series=")) {
                    pointsPerSeries = number(arg, 1, Integer.MAX_VALUE, "bad number of points (at least 1)");
                } else {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return new Options(port, restPort, pointsPerSeries);
        }

        private static int number(String arg, int lowest, int highest, String problem) {
            String value = arg.substring(arg.indexOf('=') + 1);
            try {
                int number = Integer.parseInt(value);
                if (number >= lowest && number <= highest) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException(problem + " in '" + arg + "'");
        }
    }

    public static void main(String[] args) {
        run(args);
    }

    /**
     * Parses {@code --port=N}, {@code --rest-port=N} (-1: off) and {@code --points-per-series=N}, starts the
     * emulator and blocks until the JVM is stopped.
     */
    public static void run(String[] args) {
        PrintStream out = System.out;
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("emulator: " + e.getMessage());
            System.err.println("usage: emulator [--port=" + DEFAULT_PORT + "] [--rest-port=" + DEFAULT_REST_PORT
                    + " (-1: off)] [--points-per-series=" + MetricServiceEmulator.DEFAULT_MAX_POINTS_PER_SERIES + "]");
            System.exit(2);
            return;
        }
        MetricServiceEmulator emulator = MetricServiceEmulator.builder().port(options.port()).restPort(options.restPort())
                .maxPointsPerSeries(options.pointsPerSeries()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
        out.println("Cloud Monitoring emulator: gRPC MetricService on 127.0.0.1:" + emulator.port() + " (plaintext)");
        if (emulator.restPort() != MetricServiceEmulator.OFF) {
            out.println("Cloud Monitoring emulator: REST read API on http://127.0.0.1:" + emulator.restPort() + "/v3/");
        }
        out.println("Cloud Monitoring emulator: started");
        try {
            emulator.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
