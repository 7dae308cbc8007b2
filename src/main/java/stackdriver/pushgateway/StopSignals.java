package stackdriver.pushgateway;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the gateway as {@code /-/quit} does, so the process exits 0 once the final save is done,
 * as the Pushgateway does: with only a shutdown hook, the JVM exits 143 (128 + SIGTERM) whatever the hook did, and
 * an orchestrator reads that as a failure.
 */
final class StopSignals {

    private StopSignals() {
    }

    static void stopOn(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
