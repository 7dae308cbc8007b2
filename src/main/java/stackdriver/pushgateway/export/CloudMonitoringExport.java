package stackdriver.pushgateway.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Processor;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.store.MetricStore;

/**
 * The export to Cloud Monitoring put together from the settings: the backend, the mapping for the naming mode,
 * the start times, the writer, and the two beans the export route calls.
 */
public final class CloudMonitoringExport implements AutoCloseable {
    private final ExportSettings settings;
    private final MonitoringBackend backend;
    private final ExportCycle cycle;
    private final ExportStatus status = new ExportStatus();
    private final ExportMetrics metrics = new ExportMetrics();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public CloudMonitoringExport(ExportSettings settings, MetricStore store, Clock clock) {
        this.settings = settings;
        SeriesHistoryFile historyFile = settings.startTimesFile().isEmpty() ? null
                : new SeriesHistoryFile(Path.of(settings.startTimesFile()));
        SeriesHistory history;
        try {
            history = historyFile == null ? new SeriesHistory() : new SeriesHistory(historyFile.load());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settings.startTimesFile() + ": " + e.getMessage(), e);
        }
        this.backend = MonitoringBackend.start(settings, clock);
        MetricWriter writer = new MetricWriter(backend.connection(), backend.project(), settings.requestTimeout(),
                new Backoff(settings.initialBackoff(), settings.maxBackoff()), duration -> Thread.sleep(duration.toMillis()),
                metrics);
        CustomDescriptors descriptors = settings.naming() == NamingMode.CUSTOM
                ? new CustomDescriptors(backend.client(), backend.project()) : null;
        TimeSeriesMapper mapper = new TimeSeriesMapper(MetricNaming.of(settings), ResourceMapping.of(settings));
        this.cycle = new ExportCycle(store, mapper, history, historyFile, descriptors, writer, status, metrics, clock,
                settings.interval(), requestThreads(settings.parallelRequests()));
    }

    /** The beans {@code routes/export.yaml} refers to. */
    public Map<String, Object> beans() {
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("exportSnapshot", (Processor) exchange -> exchange.getMessage().setBody(cycle.snapshot()));
        beans.put("exportWriter", (Processor) exchange -> exchange.getMessage().setBody(
                cycle.write(exchange.getMessage().getMandatoryBody(ExportCycle.Snapshot.class))));
        return beans;
    }

    /** The export interval in milliseconds, for the route's timer. */
    public long intervalMillis() {
        return settings.interval().toMillis();
    }

    public ExportCycle cycle() {
        return cycle;
    }

    public MonitoringBackend backend() {
        return backend;
    }

    public ExportStatus status() {
        return status;
    }

    public ExportMetrics metrics() {
        return metrics;
    }

    public List<MetricFamily> selfMetrics() {
        return metrics.families();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cycle.close();
        backend.close();
    }

    private static ExecutorService requestThreads(int parallel) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "export-request-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
