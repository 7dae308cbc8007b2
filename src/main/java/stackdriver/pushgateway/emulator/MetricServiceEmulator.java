package stackdriver.pushgateway.emulator;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory Cloud Monitoring: the {@code google.monitoring.v3.MetricService} gRPC API on plaintext
 * loopback, enforcing the real API's write rules, and optionally the REST API's read calls.
 *
 * <pre>
 * try (MetricServiceEmulator emulator = MetricServiceEmulator.start(0, 0)) {
 *     // point a client at 127.0.0.1:emulator.port() with no credentials and a plaintext channel;
 *     // curl http://127.0.0.1:emulator.restPort()/v3/projects/p/timeSeries
 * }
 * </pre>
 */
public final class MetricServiceEmulator implements AutoCloseable {
    /** Points kept per series; older ones are dropped. At one point a minute, a little over 16 hours. */
    public static final int DEFAULT_MAX_POINTS_PER_SERIES = 1000;
    /** Port value that leaves the REST read API off. */
    public static final int OFF = -1;

    private final Server server;
    private final ExecutorService requestThreads;
    private final RestReadApi rest;
    private final Projects projects;
    private final Faults faults;
    private final EmulatorStats stats;

    private MetricServiceEmulator(Builder options) throws IOException {
        Clock clock = options.clock;
        MonitoredResourceCatalogue resources = new MonitoredResourceCatalogue();
        this.projects = new Projects(resources, options.maxPointsPerSeries);
        this.faults = new Faults(clock);
        this.stats = new EmulatorStats();
        EmulatedMetricService service = new EmulatedMetricService(projects, resources, clock, stats);
        ServerBuilder<?> serverBuilder = options.serverBuilder != null ? options.serverBuilder
                : NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port));
        // one request thread per core: a project's writes are serialized anyway, and gRPC's default (a thread per
        // request in flight) had a writer's 32 concurrent requests queue on that lock, each woken in turn
        this.requestThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
            Thread thread = new Thread(runnable, "emulator-request");
            thread.setDaemon(true);
            return thread;
        });
        this.server = serverBuilder
                .executor(requestThreads)
                .addService(ServerInterceptors.intercept(service, new FaultInterceptor(faults, stats)))
                .build()
                .start();
        try {
            this.rest = options.restPort == OFF ? null
                    : new RestReadApi(options.restPort, service, new TimeSeriesQuery(projects), clock);
        } catch (IOException e) {
            server.shutdownNow();
            requestThreads.shutdownNow();
            throw e;
        }
    }

    /** Starts the gRPC API on 127.0.0.1:{@code port} (0: a free port), without the REST read API. */
    public static MetricServiceEmulator start(int port) {
        return builder().port(port).start();
    }

    /**
     * Starts the gRPC API on 127.0.0.1:{@code grpcPort} and the REST read API on 127.0.0.1:{@code restPort};
     * 0 picks a free port, {@link #OFF} (-1) leaves the REST API off.
     */
    public static MetricServiceEmulator start(int grpcPort, int restPort) {
        return builder().port(grpcPort).restPort(restPort).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The gRPC port, or -1 when served by a transport without one (in-process). */
    public int port() {
        return server.getPort();
    }

    /** The REST read API's port, or -1 when it is off. */
    public int restPort() {
        return rest == null ? OFF : rest.port();
    }

    public Faults faults() {
        return faults;
    }

    /** CreateTimeSeries and CreateServiceTimeSeries calls received, those failed by {@link #faults()} included. */
    public long createTimeSeriesCalls() {
        return stats.createTimeSeriesCalls.get();
    }

    /** Points stored since start or {@link #reset()}. */
    public long writtenPoints() {
        return stats.writtenPoints.get();
    }

    /** TimeSeries rejected by the write rules since start or {@link #reset()}. */
    public long rejectedTimeSeries() {
        return stats.rejectedTimeSeries.get();
    }

    /** Why the latest TimeSeries (at most 100) were rejected, oldest first, each with its index in its request. */
    public List<String> rejections() {
        return stats.rejections();
    }

    /**
     * Cumulative points stored that a reader takes for a counter reset: a new start time, or a value below the
     * series' previous point (the API accepts both; PromQL's {@code rate} counts either as a reset).
     */
    public long counterResets() {
        return stats.counterResets.get();
    }

    /** Forgets every project, descriptor and point, clears the faults and the counters. */
    public void reset() {
        projects.clear();
        faults.clear();
        stats.reset();
    }

    /** Blocks until the server has stopped (from another thread's {@link #close()}). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        if (rest != null) {
            rest.close();
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            requestThreads.shutdownNow();
        }
    }

    /** Options for tests and embedding: ports, the clock the write rules use, the points kept per series. */
    public static final class Builder {
        private int port;
        private int restPort = OFF;
        private Clock clock = Clock.systemUTC();
        private int maxPointsPerSeries = DEFAULT_MAX_POINTS_PER_SERIES;
        private ServerBuilder<?> serverBuilder;

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder restPort(int restPort) {
            this.restPort = restPort;
            return this;
        }

        /** The clock that decides what is "too old" and "in the future", and when {@link Faults#failFor} ends. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder maxPointsPerSeries(int maxPointsPerSeries) {
            if (maxPointsPerSeries < 1) {
                throw new IllegalArgumentException("maxPointsPerSeries must be at least 1");
            }
            this.maxPointsPerSeries = maxPointsPerSeries;
            return this;
        }

        /** Serves the API on this transport instead of Netty on loopback (e.g. InProcessServerBuilder); port() is then ignored. */
        public Builder serverBuilder(ServerBuilder<?> serverBuilder) {
            this.serverBuilder = serverBuilder;
            return this;
        }

        /** @throws UncheckedIOException when a port cannot be bound */
        public MetricServiceEmulator start() {
            try {
                return new MetricServiceEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("The Cloud Monitoring emulator could not start: " + e.getMessage(), e);
            }
        }
    }
}
