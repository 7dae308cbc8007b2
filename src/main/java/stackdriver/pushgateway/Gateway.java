package stackdriver.pushgateway;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
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
import com.google.api.gax.retrying.RetrySettings;
import stackdriver.pushgateway.pubsub.DeadLetterMessage;
import stackdriver.pushgateway.pubsub.PubSubPushReader;
import stackdriver.pushgateway.pubsub.PubSubSettings;
import stackdriver.pushgateway.pubsub.PubSubTopology;
import stackdriver.pushgateway.pubsub.PushAcknowledger;
import stackdriver.pushgateway.pubsub.PushPublisher;
import stackdriver.pushgateway.persistence.Persistence;
import stackdriver.pushgateway.push.BodyLimitAnswer;
import stackdriver.pushgateway.push.FormBodyAsText;
import stackdriver.pushgateway.push.InvalidPathAnswer;
import stackdriver.pushgateway.push.GroupingKeyPath;
import stackdriver.pushgateway.push.HttpErrorResponder;
import stackdriver.pushgateway.push.PushApplier;
import stackdriver.pushgateway.push.PushDecoder;
import stackdriver.pushgateway.push.PushLimits;
import stackdriver.pushgateway.push.PushRequestCounter;
import stackdriver.pushgateway.push.PushRequestReader;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.web.AdminWipe;
import stackdriver.pushgateway.web.ApiCors;
import stackdriver.pushgateway.web.ApiMetrics;
import stackdriver.pushgateway.web.ApiStatus;
import stackdriver.pushgateway.web.UnservedMethods;
import stackdriver.pushgateway.web.LifecycleQuit;
import stackdriver.pushgateway.web.MetricsPage;
import stackdriver.pushgateway.web.PlainTextAnswer;
import stackdriver.pushgateway.web.SelfMetrics;
import stackdriver.pushgateway.web.config.BasicAuthHandler;
import stackdriver.pushgateway.web.config.CamelTls;
import stackdriver.pushgateway.web.config.WebConfigFile;

/**
 * Wires the gateway: creates the beans from the settings, binds them for the YAML routes and hands
 * camel-main the properties it needs. No logic of its own.
 */
public final class Gateway {
    /** The file in the routes directory read only when Pub/Sub is used (gateway.buffer=pubsub, or subscribing). */
    private static final String PUBSUB_ROUTES = "pubsub.yaml";

    private final GatewaySettings settings;
    private final Main main = new Main();
    private PubSubSettings pubSub;
    private boolean pubSubUsed;
    private final GroupStore store;
    private final Persistence persistence;
    private final SelfMetrics selfMetrics = new SelfMetrics();
    private final CloudMonitoringExport export;
    /** {@code --web.config.file}, or null */
    private final WebConfigFile webConfig;
    private final java.util.concurrent.atomic.AtomicBoolean preHandlersInstalled = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private volatile RuntimeException exportFailure;

    public Gateway(GatewaySettings settings) throws Exception {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the time of pushes and of exported points (tests move it by hand) */
    public Gateway(GatewaySettings settings, Clock clock) throws Exception {
        this.settings = settings;
        String webConfigFile = settings.get("gateway.web.config-file", "");
        this.webConfig = webConfigFile.isEmpty() ? null : WebConfigFile.load(java.nio.file.Path.of(webConfigFile));
        this.persistence = Persistence.open(settings,
                new MetricStore(!settings.getBoolean("gateway.push.disable-consistency-check"), clock));
        this.store = persistence.store();
        ExportSettings exportSettings = ExportSettings.from(settings);
        this.export = new CloudMonitoringExport(exportSettings, store, clock, MonitoringBackends.of(exportSettings, clock),
                persistence);
        configureCamel();
        if (webConfig != null) {
            webConfig.tls().ifPresent(tls -> CamelTls.configure(main, tls));
        }
        bindBeans();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                installHttpPreHandlers();
                // Camel logs and swallows what this throws: run() rethrows it once Camel stopped
                try {
                    export.start();
                } catch (RuntimeException e) {
                    exportFailure = e;
                    main.completed();
                }
            }

            @Override
            public void afterStop(BaseMainSupport stopped) {
                export.close();
            }

            @Override
            public void afterConfigure(BaseMainSupport configured) {
                // basic auth before any route serves: the server listens by then, the routes start next
                if (webConfig != null && !webConfig.users().isEmpty()) {
                    onRoutesStarting(configured.getCamelContext(), () -> BasicAuthHandler.install(
                            configured.getCamelContext(), settings.listenAddress().port(), webConfig.users()));
                }
                // the context stops its services after its routes, so the last save sees every push; and
                // within the stop that the SIGTERM hook waits for
                try {
                    configured.getCamelContext().addService(persistence, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start persistence", e);
                }
            }
        });
    }

    public GroupStore store() {
        return store;
    }

    /** Where other components register the state they need back after a restart. */
    public Persistence persistence() {
        return persistence;
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

    /** Starts and returns once the HTTP server listens and the export's backend is up; throws when either cannot. */
    public void start() throws Exception {
        createPubSubTopology();
        main.start();
        installHttpPreHandlers(); // main.start() does not call the listeners' afterStart, run() does
        try {
            export.start();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void createPubSubTopology() throws java.io.IOException {
        if (pubSubUsed && pubSub.create()) {
            PubSubTopology.create(pubSub);
        }
    }

    private void installHttpPreHandlers() {
        if (preHandlersInstalled.compareAndSet(false, true)) {
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(main.getCamelContext());
            if (router == null) {
                router = VertxPlatformHttpRouter.lookup(main.getCamelContext(),
                        VertxPlatformHttpRouter.getRouterNameFromPort(settings.listenAddress().port()));
            }
            FormBodyAsText.install(router);
            ApiCors.install(router, "/api/v1");
            UnservedMethods.install(router, settings.get("gateway.web.telemetry-path"));
            InvalidPathAnswer.install(router.getServer().getServer());
            BodyLimitAnswer.install(router.getServer().getServer(), settings.getLong("gateway.limits.body-size"));
        }
    }

    private static void onRoutesStarting(org.apache.camel.CamelContext context, Runnable action) {
        context.getManagementStrategy().addEventNotifier(new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                action.run();
            }

            @Override
            public boolean isEnabled(org.apache.camel.spi.CamelEvent event) {
                return event instanceof org.apache.camel.spi.CamelEvent.CamelContextRoutesStartingEvent;
            }
        });
    }

    /**
     * Starts and blocks until the gateway is stopped (SIGTERM or {@code /-/quit}). The export's backend starts once
     * the HTTP server listens (pushes do not need it, the first export is one interval later); when it cannot, the
     * gateway stops and this throws why.
     */
    public void run() throws Exception {
        createPubSubTopology();
        main.run();
        if (exportFailure != null) {
            throw exportFailure;
        }
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
        configurePubSub();
        if (!pubSubUsed && !camel.containsKey("camel.main.routes-exclude-pattern")) {
            // without Pub/Sub its routes would only cost start-up time: a second YAML file read twice, and the
            // google-pubsub component with its endpoints made
            main.addOverrideProperty("camel.main.routes-exclude-pattern",
                    "file:" + settings.get("gateway.routes.directory") + "/" + PUBSUB_ROUTES);
        }
    }

    private void configurePubSub() {
        String buffer = settings.get("gateway.buffer");
        String role = settings.get("gateway.role");
        if (!buffer.equals("none") && !buffer.equals("pubsub")) {
            throw new IllegalArgumentException("gateway.buffer must be none or pubsub, not \"" + buffer + "\"");
        }
        if (!role.equals("all") && !role.equals("ingest") && !role.equals("writer")) {
            throw new IllegalArgumentException("gateway.role must be all, ingest or writer, not \"" + role + "\"");
        }
        if (role.equals("ingest") && !buffer.equals("pubsub")) {
            throw new IllegalArgumentException("gateway.role=ingest only publishes: it needs gateway.buffer=pubsub");
        }
        String subscribe = settings.get("gateway.pubsub.subscribe");
        boolean consume = subscribe.equals("auto") ? buffer.equals("pubsub") && !role.equals("ingest")
                : Boolean.parseBoolean(subscribe);
        pubSub = PubSubSettings.from(settings, System.getenv("PUBSUB_EMULATOR_HOST"));
        pubSubUsed = buffer.equals("pubsub") || consume;
        main.addOverrideProperty("gateway.push.next", buffer.equals("pubsub") ? "pubsub-publish" : "push");
        main.addOverrideProperty("gateway.push.http-enabled", Boolean.toString(!role.equals("writer")));
        main.addOverrideProperty("gateway.pubsub.consume", Boolean.toString(consume));
        main.addOverrideProperty("gateway.pubsub.consume-uri", pubSub.consumeUri());
        main.addOverrideProperty("gateway.pubsub.dead-letter-uri", pubSub.deadLetterUri());
        if (pubSub.onEmulator()) {
            main.addOverrideProperty("camel.component.google-pubsub.endpoint", pubSub.emulatorHost());
            main.addOverrideProperty("camel.component.google-pubsub.authenticate", "false");
        }
        // an ingest replica only publishes: the writer replicas export
        main.addOverrideProperty("gateway.export.enabled", Boolean.toString(!role.equals("ingest")));
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
        // The Vert.x instance camel-platform-http-vertx makes: its check for blocked event loops wakes once a second
        // by default, and each wake-up costs on a busy core (every 5 s still took 0.1 CPU-s a minute while the
        // gateway exported 1,000,000 series); every 30 s still reports a loop blocked that long.
        // Nothing is served from the classpath: without that resolving Vert.x makes no cache directory in /tmp
        // (about 20 ms of a start, and one directory left behind by every gateway that was killed).
        main.bind("vertxOptions", new VertxOptions().setBlockedThreadCheckInterval(30_000)
                .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false)));
        PushLimits limits = new PushLimits(settings.getLong("gateway.limits.body-size"),
                settings.getInt("gateway.limits.series-per-push"), settings.getInt("gateway.limits.labels-per-series"),
                settings.getInt("gateway.limits.label-value-length"));
        String prefix = routePrefix().equals("/") ? "" : routePrefix();
        PushDecoder decoder = new PushDecoder(new GroupingKeyPath(settings.get("gateway.push.default-job")), limits);
        main.bind("pushRequestReader", new PushRequestReader(decoder, prefix + "/metrics"));
        PushRequestCounter requests = new PushRequestCounter();
        selfMetrics.register(requests::families);
        main.bind("pushApplier", new PushApplier(store, requests));
        main.bind("httpErrorResponder", new HttpErrorResponder(requests));
        main.bind("metricsPage", new MetricsPage(store, selfMetrics));
        main.bind("apiMetrics", new ApiMetrics(store, export.status()::json));
        main.bind("apiStatus", new ApiStatus(settings, Instant.now()));
        main.bind("adminWipe", new AdminWipe(store, settings.getBoolean("gateway.web.enable-admin-api")));
        main.bind("lifecycleQuit", new LifecycleQuit(settings.getBoolean("gateway.web.enable-lifecycle"), this::quit));
        main.bind("pushPublisher", new PushPublisher(pubSub));
        main.bind("pushAcknowledger", new PushAcknowledger(requests));
        main.bind("pubsubPushReader", new PubSubPushReader(decoder));
        main.bind("deadLetterMessage", new DeadLetterMessage());
        main.bind("pubsubPublishRetry", publishRetry(pubSub.publishTimeout()));
        main.bind("healthOk", new PlainTextAnswer(200, "OK"));
        main.bind("readyOk", new PlainTextAnswer(200, "OK"));
        selfMetrics.register(this::storeMetrics);
        selfMetrics.register(export::selfMetrics);
        export.beans().forEach(main::bind);
    }

    /** Retries within the publish timeout, then gives up so the pusher gets its 503 instead of a hang. */
    private static RetrySettings publishRetry(java.time.Duration timeout) {
        org.threeten.bp.Duration total = org.threeten.bp.Duration.ofMillis(timeout.toMillis());
        return RetrySettings.newBuilder()
                .setInitialRetryDelay(org.threeten.bp.Duration.ofMillis(100)).setRetryDelayMultiplier(2)
                .setMaxRetryDelay(org.threeten.bp.Duration.ofSeconds(2))
                .setInitialRpcTimeout(total).setRpcTimeoutMultiplier(1).setMaxRpcTimeout(total)
                .setTotalTimeout(total).build();
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
