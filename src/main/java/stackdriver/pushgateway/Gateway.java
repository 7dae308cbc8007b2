package stackdriver.pushgateway;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.config.ListenAddress;
import stackdriver.pushgateway.export.CloudMonitoringExport;
import stackdriver.pushgateway.export.ExportSettings;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.push.FormBodyAsText;
import stackdriver.pushgateway.push.GroupingKeyPath;
import stackdriver.pushgateway.push.HttpErrorResponder;
import stackdriver.pushgateway.push.PushApplier;
import stackdriver.pushgateway.push.PushLimits;
import stackdriver.pushgateway.push.PushRequestCounter;
import stackdriver.pushgateway.push.PushRequestReader;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.web.AdminWipe;
import stackdriver.pushgateway.web.ApiMetrics;
import stackdriver.pushgateway.web.ApiStatus;
import stackdriver.pushgateway.web.LifecycleQuit;
import stackdriver.pushgateway.web.MetricsPage;
import stackdriver.pushgateway.web.PlainTextAnswer;
import stackdriver.pushgateway.web.SelfMetrics;

/**
 * Wires the gateway: creates the beans from the settings, binds them for the YAML routes and hands
 * camel-main the properties it needs. No logic of its own.
 */
public final class Gateway {

    private final GatewaySettings settings;
    private final Main main = new Main();
    private final MetricStore store;
    private final SelfMetrics selfMetrics = new SelfMetrics();
    private final CloudMonitoringExport export;
    private final java.util.concurrent.atomic.AtomicBoolean preHandlersInstalled = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    public Gateway(GatewaySettings settings) throws Exception {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the time of pushes and of exported points (tests move it by hand) */
    public Gateway(GatewaySettings settings, Clock clock) throws Exception {
        this.settings = settings;
        if (!settings.get("gateway.web.config-file", "").isEmpty()) {
            throw new IllegalArgumentException("gateway.web.config-file (--web.config.file) is not supported yet:"
                    + " terminate TLS and basic auth in front of the gateway");
        }
        this.store = new MetricStore(!settings.getBoolean("gateway.push.disable-consistency-check"), clock);
        this.export = new CloudMonitoringExport(ExportSettings.from(settings), store, clock);
        configureCamel();
        bindBeans();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                installHttpPreHandlers();
            }

            @Override
            public void afterStop(BaseMainSupport stopped) {
                export.close();
            }
        });
    }

    public MetricStore store() {
        return store;
    }

    public SelfMetrics selfMetrics() {
        return selfMetrics;
    }

    public CloudMonitoringExport export() {
        return export;
    }

    public org.apache.camel.CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** Starts and returns once the HTTP server listens. */
    public void start() throws Exception {
        main.start();
        installHttpPreHandlers(); // main.start() does not call the listeners' afterStart, run() does
    }

    private void installHttpPreHandlers() {
        if (preHandlersInstalled.compareAndSet(false, true)) {
            FormBodyAsText.install(main.getCamelContext(), settings.listenAddress().port());
        }
    }

    /** Starts and blocks until the gateway is stopped (SIGTERM or {@code /-/quit}). */
    public void run() throws Exception {
        main.run();
    }

    public void stop() {
        main.stop();
        export.close(); // main.stop() does not call the listeners' afterStop either
        stopped.countDown();
    }

    /** True once the gateway stopped (e.g. through {@code /-/quit}) within the timeout. */
    public boolean awaitStopped(java.time.Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void quit() {
        main.completed(); // ends run()
        stop();
    }

    private void configureCamel() {
        ListenAddress address = settings.listenAddress();
        Map<String, String> camel = new java.util.LinkedHashMap<>();
        settings.all().stringPropertyNames().stream().filter(key -> key.startsWith("camel."))
                .forEach(key -> camel.put(key, settings.get(key)));
        camel.put("camel.main.name", "stackdriver-pushgateway");
        camel.put("camel.main.routes-include-pattern", "file:" + settings.get("gateway.routes.directory") + "/*.yaml");
        camel.put("camel.main.routes-reload-enabled", settings.get("gateway.routes.reload"));
        camel.put("camel.main.routes-reload-directory", settings.get("gateway.routes.directory"));
        camel.put("camel.server.enabled", "true");
        camel.put("camel.server.host", address.host());
        camel.put("camel.server.port", Integer.toString(address.port()));
        camel.put("camel.server.path", routePrefix());
        camel.put("camel.server.maxBodySize", settings.get("gateway.limits.body-size"));
        camel.put("camel.server.fileUploadEnabled", "false");
        camel.put("camel.main.shutdown-timeout", "5");
        camel.forEach(main::addOverrideProperty);
        settings.all().stringPropertyNames().stream().filter(key -> key.startsWith("gateway."))
                .forEach(key -> main.addOverrideProperty(key, settings.get(key)));
        main.addOverrideProperty("gateway.web.push-path", "/metrics");
        main.addOverrideProperty("gateway.export.interval-ms", Long.toString(export.intervalMillis()));
    }

    /** {@code --web.route-prefix}, or the path of {@code --web.external-url} as the Pushgateway does. */
    private String routePrefix() {
        String prefix = settings.get("gateway.web.route-prefix", "");
        if (prefix.isEmpty()) {
            String external = settings.get("gateway.web.external-url", "");
            prefix = external.isEmpty() ? "" : URI.create(external).getPath();
        }
        prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return prefix.isEmpty() ? "/" : (prefix.startsWith("/") ? prefix : "/" + prefix);
    }

    private void bindBeans() throws Exception {
        PushLimits limits = new PushLimits(settings.getLong("gateway.limits.body-size"),
                settings.getInt("gateway.limits.series-per-push"), settings.getInt("gateway.limits.labels-per-series"),
                settings.getInt("gateway.limits.label-value-length"));
        String prefix = routePrefix().equals("/") ? "" : routePrefix();
        main.bind("pushRequestReader", new PushRequestReader(
                new GroupingKeyPath(settings.get("gateway.push.default-job")), limits, prefix + "/metrics"));
        PushRequestCounter requests = new PushRequestCounter();
        selfMetrics.register(requests::families);
        main.bind("pushApplier", new PushApplier(store, requests));
        main.bind("httpErrorResponder", new HttpErrorResponder(requests));
        main.bind("metricsPage", new MetricsPage(store, selfMetrics));
        main.bind("apiMetrics", new ApiMetrics(store, export.status()::json));
        main.bind("apiStatus", new ApiStatus(settings, Instant.now()));
        main.bind("adminWipe", new AdminWipe(store, settings.getBoolean("gateway.web.enable-admin-api")));
        main.bind("lifecycleQuit", new LifecycleQuit(settings.getBoolean("gateway.web.enable-lifecycle"), this::quit));
        main.bind("healthOk", new PlainTextAnswer(200, "OK"));
        main.bind("readyOk", new PlainTextAnswer(200, "OK"));
        selfMetrics.register(this::storeMetrics);
        selfMetrics.register(export::selfMetrics);
        export.beans().forEach(main::bind);
    }

    private List<MetricFamily> storeMetrics() {
        long groups = 0;
        long series = 0;
        for (Group group : store.groups()) {
            groups++;
            series += group.seriesCount();
        }
        return List.of(
                new MetricFamily("stackdriver_pushgateway_groups", "Groups stored.", MetricType.GAUGE,
                        List.of(Metric.ofValue(Labels.EMPTY, groups))),
                new MetricFamily("stackdriver_pushgateway_series", "Series stored, in every group.", MetricType.GAUGE,
                        List.of(Metric.ofValue(Labels.EMPTY, series))));
    }
}
