package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.MetricDescriptor.MetricKind;
import com.google.monitoring.v3.ProjectName;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.emulator.MetricServiceEmulator;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.PushRequest;

/** One request against the emulator with faults injected: what is retried, how long, and what is reported. */
class MetricWriterTest {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ExportMetrics metrics = new ExportMetrics();
    private MetricServiceEmulator emulator;
    private MetricServiceConnection connection;

    @BeforeEach
    void start() throws Exception {
        emulator = MetricServiceEmulator.start(0);
        connection = MetricServiceConnection.plaintext("127.0.0.1:" + emulator.port());
    }

    @AfterEach
    void stop() {
        connection.close();
        emulator.close();
    }

    @Test
    void unavailableIsRetriedUntilAccepted() {
        emulator.faults().failNext(Status.Code.UNAVAILABLE, 2);

        MetricWriter.Outcome outcome = writer().write(points(3), inSeconds(30)).join();

        assertThat(outcome.written()).isEqualTo(3);
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(emulator.writtenPoints()).isEqualTo(3);
        assertThat(metrics.retries()).isEqualTo(2);
    }

    @Test
    void deadlineExceededAndResourceExhaustedAreRetriedToo() {
        emulator.faults().failNext(Status.Code.DEADLINE_EXCEEDED, 1);
        assertThat(writer().write(points(1), inSeconds(30)).join().attempts()).isEqualTo(2);
        emulator.faults().failNext(Status.Code.RESOURCE_EXHAUSTED, 1);
        assertThat(writer().write(points(1, "b"), inSeconds(30)).join().attempts()).isEqualTo(2);
    }

    @Test
    void backoffGrowsWithEveryRetry() {
        emulator.faults().failNext(Status.Code.UNAVAILABLE, 5);

        writer().write(points(1), inSeconds(30)).join();

        assertThat(waits).hasSize(5);
        assertThat(waits).isSorted();
        assertThat(waits.get(4)).isGreaterThanOrEqualTo(waits.get(0).multipliedBy(4));
    }

    @Test
    void retriesStopWhenTheIntervalEnds() {
        emulator.faults().failFor(Status.Code.UNAVAILABLE, Duration.ofHours(1));
        MetricWriter writer = new MetricWriter(connection, ProjectName.of("p"), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(50)), (wait, retry) -> CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS).execute(retry),
                metrics);
        long started = System.nanoTime();

        // long enough for the first attempt and a retry on a busy machine, far shorter than the failure lasts
        MetricWriter.Outcome outcome = writer.write(points(2), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2000)).join();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(outcome.written()).isZero();
        assertThat(outcome.failures()).hasSize(2);
        assertThat(outcome.failures().get(0).cause()).isEqualTo("unavailable");
        assertThat(outcome.attempts()).isGreaterThan(1);
    }

    @Test
    void aRetryDueWhileTheGatewayStopsEndsTheRequestAsInterrupted() {
        emulator.faults().failNext(Status.Code.UNAVAILABLE, 1);
        MetricWriter stopping = new MetricWriter(connection, ProjectName.of("p"), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10)), (wait, retry) -> {
                    throw new RejectedExecutionException("the retry timer is shut down");
                }, metrics);

        MetricWriter.Outcome outcome = stopping.write(points(2), inSeconds(30)).join();

        assertThat(outcome.written()).isZero();
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.failures().values()).extracting(MetricWriter.Failure::cause).containsOnly("interrupted");
    }

    @Test
    void requestsWrittenTogetherAreStartedOnTheConnectionsTransportThreadAndAnsweredInTheirOrder() {
        List<String> startedOn = new CopyOnWriteArrayList<>();
        connection.startTogether(() -> startedOn.add(Thread.currentThread().getName()));

        List<CompletableFuture<MetricWriter.Outcome>> outcomes = writer().writeAll(
                List.of(points(3, "x"), points(1, "y"), points(2, "z")), inSeconds(30));

        assertThat(outcomes).extracting(outcome -> outcome.join().written()).containsExactly(3, 1, 2);
        assertThat(emulator.createTimeSeriesCalls()).isEqualTo(3);
        assertThat(startedOn).singleElement().asString().startsWith("monitoring-transport");
    }

    @Test
    void requestsWrittenAfterTheConnectionClosedEndAsInterrupted() {
        connection.close();

        MetricWriter.Outcome outcome = writer().writeAll(List.of(points(2)), inSeconds(30)).get(0).join();

        assertThat(outcome.written()).isZero();
        assertThat(outcome.failures().values()).extracting(MetricWriter.Failure::cause).containsOnly("interrupted");
    }

    @Test
    void otherErrorsAreNotRetried() {
        emulator.faults().failNext(Status.Code.PERMISSION_DENIED, 1);

        MetricWriter.Outcome outcome = writer().write(points(1), inSeconds(30)).join();

        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.failures().get(0).cause()).isEqualTo("permission_denied");
    }

    @Test
    void partialFailureReportsOnlyTheRefusedSeriesAndIsNotResent() {
        List<PendingPoint> points = new ArrayList<>(points(3));
        PendingPoint good = points.get(1);
        // a cumulative point whose start is not before its end
        ExportedSeries bad = new ExportedSeries(new SeriesId(good.id().metric().toBuilder()
                .setType("prometheus.googleapis.com/bad/counter").build(), good.id().resource()), MetricKind.CUMULATIVE,
                good.series().value(), 1, Double.NaN, good.end(), good.series().group(), "bad", "", "");
        points.set(1, new PendingPoint(bad, good.end(), good.end()));

        MetricWriter.Outcome outcome = writer().write(points, inSeconds(30)).join();

        assertThat(outcome.written()).isEqualTo(2);
        assertThat(outcome.failures()).containsOnlyKeys(1);
        assertThat(outcome.failures().get(1).reason()).contains("The start time must be before the end time");
        assertThat(outcome.failures().get(1).permanent()).isTrue();
        assertThat(emulator.createTimeSeriesCalls()).isEqualTo(1);
        assertThat(emulator.writtenPoints()).isEqualTo(2);
    }

    @Test
    void requestsAreSpacedOutToTheRateLimit() {
        MetricWriter limited = new MetricWriter(connection, ProjectName.of("p"), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10)), this::recordWaitAndRetryAtOnce, metrics, 4);
        long started = System.nanoTime();

        for (int i = 0; i < 5; i++) {
            assertThat(limited.write(points(1, "rate" + i), inSeconds(30)).join().written()).isEqualTo(1);
        }

        // the first request goes at once, each next one a quarter of a second after the one before
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(emulator.createTimeSeriesCalls()).isEqualTo(5);
    }

    @Test
    void eachRequestNamesItsProjectInTheRoutingHeaderAsGoogleClientsDo() {
        Metadata.Key<String> routing = Metadata.Key.of("x-goog-request-params", Metadata.ASCII_STRING_MARSHALLER);
        List<String> seen = new CopyOnWriteArrayList<>();
        ServerInterceptor recordHeader = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                    ServerCallHandler<Q, A> next) {
                seen.add(headers.get(routing));
                return next.startCall(call, headers);
            }
        };
        try (MetricServiceEmulator recording = MetricServiceEmulator.builder()
                .serverBuilder(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).intercept(recordHeader))
                .start();
                MetricServiceConnection toRecording = MetricServiceConnection.plaintext("127.0.0.1:" + recording.port())) {
            MetricWriter writer = new MetricWriter(toRecording, ProjectName.of("my-project"), Duration.ofSeconds(5),
                    new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10)), this::recordWaitAndRetryAtOnce, metrics);

            assertThat(writer.write(points(2), inSeconds(30)).join().written()).isEqualTo(2);
        }

        assertThat(seen).containsExactly("name=projects%2Fmy-project");
    }

    private void recordWaitAndRetryAtOnce(Duration wait, Runnable retry) {
        waits.add(wait);
        retry.run();
    }

    private MetricWriter writer() {
        return new MetricWriter(connection, ProjectName.of("p"), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10)), this::recordWaitAndRetryAtOnce, metrics);
    }

    private static long inSeconds(int seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    private static List<PendingPoint> points(int count) {
        return points(count, "a");
    }

    /** Gauges {@code g0..g(count-1)} of job {@code job}, ending now. */
    private static List<PendingPoint> points(int count, String job) {
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            metrics.add(Metric.ofValue(Labels.of("i", Integer.toString(i)), i));
        }
        MetricStore store = new MetricStore();
        try {
            store.apply(new PushRequest(PushRequest.Method.PUT, GroupingKey.of("job", job),
                    List.of(new MetricFamily("g", "", MetricType.GAUGE, metrics))));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Group group = store.group(GroupingKey.of("job", job));
        ExportSettings settings = ExportSettingsTestValues.defaults();
        TimeSeriesMapper mapper = new TimeSeriesMapper(MetricNaming.of(settings), ResourceMapping.of(settings));
        List<ExportedSeries> series = new ArrayList<>();
        mapper.map(group, series, new ArrayList<>());
        Instant end = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return series.stream().filter(s -> s.family().equals("g"))
                .map(s -> new PendingPoint(s, end, end)).toList();
    }
}
