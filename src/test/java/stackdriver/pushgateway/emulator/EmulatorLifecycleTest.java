package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.cloud.monitoring.v3.MetricServiceSettings;
import com.google.monitoring.v3.ProjectName;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starting and stopping the emulator, alone or embedded, and its command line. */
class EmulatorLifecycleTest {

    @Test
    void startsInUnderASecondOnFreePorts() {
        MetricServiceEmulator.start(0).close(); // class loading is the JVM's cost, not the emulator's
        long started = System.nanoTime();

        try (MetricServiceEmulator emulator = MetricServiceEmulator.start(0, 0)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(emulator.port()).isPositive();
            assertThat(emulator.restPort()).isPositive().isNotEqualTo(emulator.port());
        }
    }

    @Test
    void theRestApiIsOffUnlessAPortIsGiven() {
        try (MetricServiceEmulator emulator = MetricServiceEmulator.start(0)) {
            assertThat(emulator.restPort()).isEqualTo(MetricServiceEmulator.OFF);
        }
    }

    @Test
    void aPortInUseIsReportedAtStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> MetricServiceEmulator.start(taken.getLocalPort()))
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void itCanServeOnAnotherTransport() throws Exception {
        String name = InProcessServerBuilder.generateName();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try (MetricServiceEmulator emulator = MetricServiceEmulator.builder()
                .serverBuilder(InProcessServerBuilder.forName(name).directExecutor()).start();
                MetricServiceClient client = MetricServiceClient.create(MetricServiceSettings.newBuilder()
                        .setCredentialsProvider(NoCredentialsProvider.create())
                        .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                        .build())) {
            client.createTimeSeries(ProjectName.of("p"), List.of(EmulatorTestSupport.gauge(
                    "custom.googleapis.com/in_process", 1, java.time.Instant.now())));

            assertThat(emulator.writtenPoints()).isEqualTo(1);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void theCommandLineTakesPortsAndPointsPerSeries() {
        assertThat(EmulatorCommand.Options.parse(new String[0]))
                .isEqualTo(new EmulatorCommand.Options(EmulatorCommand.DEFAULT_PORT, EmulatorCommand.DEFAULT_REST_PORT));
        assertThat(EmulatorCommand.Options.parse(new String[] {"--port=9000", "--rest-port=-1"}))
                .isEqualTo(new EmulatorCommand.Options(9000, -1));
        assertThat(EmulatorCommand.Options.parse(new String[] {"--points-per-series=2"}))
                .isEqualTo(new EmulatorCommand.Options(EmulatorCommand.DEFAULT_PORT, EmulatorCommand.DEFAULT_REST_PORT, 2));
        assertThatThrownBy(() -> EmulatorCommand.Options.parse(new String[] {"--points-per-series=0"}))
                .hasMessageContaining("bad number of points");
        assertThatThrownBy(() -> EmulatorCommand.Options.parse(new String[] {"--port=x"}))
                .hasMessageContaining("bad port");
        assertThatThrownBy(() -> EmulatorCommand.Options.parse(new String[] {"--verbose"}))
                .hasMessageContaining("unknown argument");
    }
}
