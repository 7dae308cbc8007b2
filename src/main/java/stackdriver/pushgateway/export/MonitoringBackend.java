package stackdriver.pushgateway.export;

import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.ProjectName;

/**
 * Where the export writes: a MetricService and the project, opened when the export starts and closed with it.
 * Which one (Cloud Monitoring, another MetricService, the embedded emulator) is the wiring's choice.
 */
public interface MonitoringBackend extends AutoCloseable {

    MetricServiceConnection connection();

    ProjectName project();

    default MetricServiceClient client() {
        return connection().client();
    }

    @Override
    void close();

    /** A client without credentials on a plaintext channel: for the emulator or any MetricService like it. */
    static MetricServiceClient plaintextClient(String hostAndPort) {
        // closing the client closes the connection's channel
        return MetricServiceConnection.plaintext(hostAndPort).client();
    }
}
