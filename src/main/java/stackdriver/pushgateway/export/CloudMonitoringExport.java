package stackdriver.pushgateway.export;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.Processor;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.persistence.Persistence;
import stackdriver.pushgateway.store.GroupStore;

/**
 * The export to Cloud Monitoring put together from the settings: the backend, the mapping for the naming mode,
 * the start times, the writer, and the two beans the export route calls.
 */
public final class CloudMonitoringExport implements AutoCloseable {
    private final ExportSettings settings;
    private final GroupStore store;
    private final Clock clock;
    private final Supplier<MonitoringBackend> openBackend;
    private final SeriesHistory history = new SeriesHistory();
    private final Runnable saveHistory;
    private final ExportStatus status = new ExportStatus();
    private final ExportMetrics metrics = new ExportMetrics();
    private final MetricNaming naming;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    // set by start(): opening the backend (a gRPC client, and what serves it when embedded) takes a good part of
    // the start-up, which the HTTP server need not wait for
    private volatile MonitoringBackend backend;
    private volatile ExportCycle cycle;
    private volatile ScheduledExecutorService retryTimer;

    /**
     * Restores the start times kept by persistence; {@link #start()} connects to Cloud Monitoring.
     * @param openBackend opens where the points are written, when the export starts
     */
    public CloudMonitoringExport(ExportSettings settings, GroupStore store, Clock clock,
            Supplier<MonitoringBackend> openBackend, Persistence persistence) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.openBackend = openBackend;
        this.saveHistory = SavedSeriesHistory.keep(history, persistence);
        this.naming = MetricNaming.of(settings);
    }

    /** Opens the backend and connects to it; throws when it cannot. */
    public synchronized void start() {
        if (cycle != null) {
            return;
        }
        if (closed.get()) {
            throw new IllegalStateException("the export is closed");
        }
        MonitoringBackend started = openBackend.get();
        try {
            connect(started);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    private void connect(MonitoringBackend started) {
        retryTimer = retryTimer();
        MetricWriter writer = new MetricWriter(started.connection(), started.project(), settings.requestTimeout(),
                new Backoff(settings.initialBackoff(), settings.maxBackoff()),
                (wait, retry) -> retryTimer.schedule(retry, wait.toNanos(), TimeUnit.NANOSECONDS),
                metrics, settings.maxRequestsPerSecond());
        CustomDescriptors descriptors = settings.naming() == NamingMode.CUSTOM
                ? new CustomDescriptors(started.client(), started.project()) : null;
        TimeSeriesMapper mapper = new TimeSeriesMapper(naming, ResourceMapping.of(settings));
        backend = started;
        cycle = new ExportCycle(store, mapper, history, saveHistory, descriptors, writer, status, metrics, clock,
                settings.interval(), settings.parallelRequests());
    }

    /** The beans {@code routes/export.yaml} refers to. */
    public Map<String, Object> beans() {
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("exportSnapshot", (Processor) exchange -> exchange.getMessage().setBody(cycle().snapshot()));
        beans.put("exportWriter", (Processor) exchange -> exchange.getMessage().setBody(
                cycle().write(exchange.getMessage().getMandatoryBody(ExportCycle.Snapshot.class))));
        return beans;
    }

    /** The export interval in milliseconds, for the route's timer. */
    public long intervalMillis() {
        return settings.interval().toMillis();
    }

    public ExportCycle cycle() {
        return started(cycle);
    }

    public MonitoringBackend backend() {
        return started(backend);
    }

    private static <T> T started(T part) {
        if (part == null) {
            throw new IllegalStateException("the export is not started");
        }
        return part;
    }

    public ExportStatus status() {
        return status;
    }

    public ExportMetrics metrics() {
        return metrics;
    }

    /** The Cloud Monitoring metric types the series of a family are written under. */
    public List<String> metricTypes(String family, MetricType type) {
        List<String> types = new java.util.ArrayList<>();
        for (SeriesRole role : SeriesRole.of(type)) {
            String metricType = naming.metricType(family, role);
            if (metricType != null) {
                types.add(metricType);
            }
        }
        return types;
    }

    /**
     * The export's health for the web page, and where it writes: {@code project_id} only when that is a Google
     * project (whose Metrics Explorer the page links to).
     */
    public Map<String, Object> healthJson() {
        Map<String, Object> json = new LinkedHashMap<>(metrics.healthJson());
        json.put("interval_seconds", settings.interval().toMillis() / 1000.0);
        json.put("backend", settings.backend().name().toLowerCase(java.util.Locale.ROOT));
        json.put("project_id", settings.backend() == ExportSettings.Backend.GOOGLE ? settings.projectId() : "");
        json.put("naming", settings.naming().name().toLowerCase(java.util.Locale.ROOT));
        return json;
    }

    public List<MetricFamily> selfMetrics() {
        return metrics.families();
    }

    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true) || cycle == null) {
            return;
        }
        retryTimer.shutdownNow();
        backend.close();
    }

    /** Starts the retries of failed requests when their backoff is over (and waits for the rate limit for them). */
    private static ScheduledExecutorService retryTimer() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "export-retry");
            thread.setDaemon(true);
            return thread;
        });
    }
}
