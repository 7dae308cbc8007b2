package stackdriver.pushgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.Metric;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MonitoredResource;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.cloud.monitoring.v3.MetricServiceSettings;
import com.google.monitoring.v3.CreateTimeSeriesSummary;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.ProjectName;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.monitoring.v3.TypedValue;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannelBuilder;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import stackdriver.pushgateway.support.TestClock;

/**
 * One emulator per test class on a free loopback port, driven only through Google's real
 * MetricServiceClient. Every test gets a project of its own, so tests never see each other's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmulatorTestSupport {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final AtomicInteger PROJECTS = new AtomicInteger();

    final TestClock clock = new TestClock(NOW);
    MetricServiceEmulator emulator;
    MetricServiceClient client;
    ProjectName project;

    @BeforeAll
    void startEmulator() throws IOException {
        emulator = MetricServiceEmulator.builder().clock(clock).port(0).restPort(0).start();
        client = clientFor(emulator.port());
    }

    @AfterAll
    void stopEmulator() {
        client.close();
        emulator.close();
    }

    @BeforeEach
    void freshProject() {
        clock.set(NOW);
        emulator.faults().clear();
        project = ProjectName.of("test-project-" + PROJECTS.incrementAndGet());
    }

    /** How any Java program points Google's client at the emulator. */
    static MetricServiceClient clientFor(int port) throws IOException {
        return MetricServiceClient.create(MetricServiceSettings.newBuilder()
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                        .setEndpoint("127.0.0.1:" + port)
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                        .build())
                .build());
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static MonitoredResource global() {
        return MonitoredResource.newBuilder().setType("global").build();
    }

    static MonitoredResource genericTask(String job, String task) {
        return MonitoredResource.newBuilder().setType("generic_task").putLabels("location", "europe-west1")
                .putLabels("namespace", "ns").putLabels("job", job).putLabels("task_id", task).build();
    }

    static Metric metric(String type, String... labels) {
        Metric.Builder metric = Metric.newBuilder().setType(type);
        for (int i = 0; i < labels.length; i += 2) {
            metric.putLabels(labels[i], labels[i + 1]);
        }
        return metric.build();
    }

    static TypedValue doubleValue(double value) {
        return TypedValue.newBuilder().setDoubleValue(value).build();
    }

    static Point point(TypedValue value, Instant start, Instant end) {
        TimeInterval.Builder interval = TimeInterval.newBuilder().setEndTime(ts(end));
        if (start != null) {
            interval.setStartTime(ts(start));
        }
        return Point.newBuilder().setInterval(interval).setValue(value).build();
    }

    static TimeSeries gauge(Metric metric, double value, Instant at) {
        return TimeSeries.newBuilder().setMetric(metric).setResource(global()).setMetricKind(MetricKind.GAUGE)
                .addPoints(point(doubleValue(value), null, at)).build();
    }

    static TimeSeries gauge(String type, double value, Instant at) {
        return gauge(metric(type), value, at);
    }

    static TimeSeries cumulative(String type, double value, Instant start, Instant end) {
        return TimeSeries.newBuilder().setMetric(metric(type)).setResource(global())
                .setMetricKind(MetricKind.CUMULATIVE).addPoints(point(doubleValue(value), start, end)).build();
    }

    void write(TimeSeries... series) {
        client.createTimeSeries(project, List.of(series));
    }

    /** What a client sees when the write is refused: code, message and the summary in the status details. */
    record Rejection(StatusCode.Code code, String message, CreateTimeSeriesSummary summary) {
    }

    Rejection rejected(TimeSeries... series) {
        return rejected(List.of(series));
    }

    Rejection rejected(List<TimeSeries> series) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> client.createTimeSeries(project, series));
        assertThat(e).as("the write should have been rejected").isNotNull();
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        CreateTimeSeriesSummary summary = null;
        if (status != null) {
            for (Any detail : status.getDetailsList()) {
                if (detail.is(CreateTimeSeriesSummary.class)) {
                    try {
                        summary = detail.unpack(CreateTimeSeriesSummary.class);
                    } catch (InvalidProtocolBufferException bad) {
                        throw new AssertionError(bad);
                    }
                }
            }
        }
        String message = status != null ? status.getMessage() : e.getMessage();
        return new Rejection(e.getStatusCode().getCode(), message, summary);
    }

    /** Every series of the metric type with points in [start, end], read back with ListTimeSeries. */
    List<TimeSeries> read(String type, Instant start, Instant end) {
        ListTimeSeriesRequest request = ListTimeSeriesRequest.newBuilder().setName(project.toString())
                .setFilter("metric.type = \"" + type + "\"")
                .setInterval(TimeInterval.newBuilder().setStartTime(ts(start)).setEndTime(ts(end)))
                .setView(ListTimeSeriesRequest.TimeSeriesView.FULL).build();
        List<TimeSeries> found = new ArrayList<>();
        client.listTimeSeries(request).iterateAll().forEach(found::add);
        return found;
    }

    List<TimeSeries> read(String type) {
        return read(type, NOW.minusSeconds(30 * 3600), NOW.plusSeconds(3600));
    }

    static double valueOf(TimeSeries series) {
        return series.getPoints(0).getValue().getDoubleValue();
    }
}
