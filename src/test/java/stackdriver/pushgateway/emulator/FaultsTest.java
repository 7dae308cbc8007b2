package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.cloud.monitoring.v3.MetricServiceSettings;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults a test injects to see how a writer copes: failures for N calls or for a while, and slow answers. */
class FaultsTest extends EmulatorTestSupport {
    private static final String TYPE = "custom.googleapis.com/faulty";

    @Test
    void theNextCallsFailWithTheCodeAskedForThenWritesSucceed() {
        emulator.faults().failNext(Status.Code.UNAVAILABLE, 2);
        long before = emulator.createTimeSeriesCalls();

        assertThat(failure(gauge(TYPE, 1, NOW)).getStatusCode().getCode()).isEqualTo(StatusCode.Code.UNAVAILABLE);
        assertThat(failure(gauge(TYPE, 1, NOW)).getStatusCode().getCode()).isEqualTo(StatusCode.Code.UNAVAILABLE);
        write(gauge(TYPE, 1, NOW));

        assertThat(emulator.createTimeSeriesCalls() - before).isEqualTo(3);
        assertThat(read(TYPE)).hasSize(1);
    }

    @Test
    void aFailedCallStoresNothing() {
        emulator.faults().failNext(Status.Code.RESOURCE_EXHAUSTED, 1);

        ApiException e = failure(gauge(TYPE, 1, NOW));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.RESOURCE_EXHAUSTED);
        assertThat(e.getMessage()).contains("Quota exceeded");
        assertThat(read(TYPE)).isEmpty();
    }

    @Test
    void callsFailForAWhileOnTheEmulatorsClock() {
        emulator.faults().failFor(Status.Code.UNAVAILABLE, Duration.ofSeconds(30));

        assertThat(failure(gauge(TYPE, 1, NOW)).getStatusCode().getCode()).isEqualTo(StatusCode.Code.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(29));
        assertThat(failure(gauge(TYPE, 1, NOW)).getStatusCode().getCode()).isEqualTo(StatusCode.Code.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(1));

        write(gauge(TYPE, 1, NOW));
    }

    @Test
    void readsAreNeverFaulted() {
        write(gauge(TYPE, 1, NOW));
        emulator.faults().failFor(Status.Code.UNAVAILABLE, Duration.ofHours(1));

        assertThat(read(TYPE)).hasSize(1);
    }

    @Test
    void aSlowAnswerRunsIntoTheClientsDeadline() throws Exception {
        emulator.faults().delay(Duration.ofMillis(300));
        MetricServiceSettings.Builder settings = MetricServiceSettings.newBuilder()
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                        .setEndpoint("127.0.0.1:" + emulator.port())
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext).build());
        settings.createTimeSeriesSettings().setSimpleTimeoutNoRetriesDuration(Duration.ofMillis(100));

        try (MetricServiceClient impatient = MetricServiceClient.create(settings.build())) {
            ApiException e = catchThrowableOfType(ApiException.class,
                    () -> impatient.createTimeSeries(project, List.of(gauge(TYPE, 1, NOW))));

            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.DEADLINE_EXCEEDED);
        }
    }

    @Test
    void clearedFaultsNoLongerApply() {
        emulator.faults().failNext(Status.Code.UNAVAILABLE, 5).failFor(Status.Code.INTERNAL, Duration.ofHours(1));

        emulator.faults().clear();

        write(gauge(TYPE, 1, NOW));
    }

    private ApiException failure(com.google.monitoring.v3.TimeSeries series) {
        return catchThrowableOfType(ApiException.class, () -> client.createTimeSeries(project, List.of(series)));
    }
}
