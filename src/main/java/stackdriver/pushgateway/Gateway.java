package stackdriver.pushgateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import stackdriver.pushgateway.config.CommandLine;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.export.CloudMonitoringExport;
import stackdriver.pushgateway.export.ExportSettings;
import stackdriver.pushgateway.expiry.GroupExpiry;
import stackdriver.pushgateway.expiry.GroupTtl;
import stackdriver.pushgateway.http.ConnectionLimits;
import stackdriver.pushgateway.http.GuardedVertx;
import stackdriver.pushgateway.ha.HaSettings;
import stackdriver.pushgateway.ha.LeaseLeadership;
import stackdriver.pushgateway.ha.PeerSeed;
import stackdriver.pushgateway.ha.SnapshotAnswer;
import stackdriver.pushgateway.http.HttpErrorResponder;
import stackdriver.pushgateway.http.HttpLayer;
import stackdriver.pushgateway.http.HttpSettings;
import stackdriver.pushgateway.http.PlainTextAnswer;
import stackdriver.pushgateway.http.PushAnswer;
import stackdriver.pushgateway.http.PushRequestCounter;
import stackdriver.pushgateway.http.ReadForwarding;
import stackdriver.pushgateway.http.webconfig.CamelTls;
import stackdriver.pushgateway.exposition.PushBodyParser;
import stackdriver.pushgateway.ingest.GroupingKeyPath;
import stackdriver.pushgateway.ingest.PushApplier;
import stackdriver.pushgateway.ingest.PushDecoder;
import stackdriver.pushgateway.ingest.PushLimits;
import stackdriver.pushgateway.persistence.Persistence;
import stackdriver.pushgateway.pubsub.PubSubBinding;
import stackdriver.pushgateway.pubsub.PubSubSettings;
import stackdriver.pushgateway.pubsub.ScaleOut;
import stackdriver.pushgateway.push.PushRequestReader;
import stackdriver.pushgateway.store.GroupStore;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.SeriesBudget;
import stackdriver.pushgateway.store.SeriesLimit;
import stackdriver.pushgateway.store.StoreMetrics;
import stackdriver.pushgateway.web.AdminWipe;
import stackdriver.pushgateway.web.EffectiveSettings;
import stackdriver.pushgateway.web.ExportHealth;
import stackdriver.pushgateway.web.GroupDetail;
import stackdriver.pushgateway.web.GroupList;
import stackdriver.pushgateway.web.WebAsset;
import stackdriver.pushgateway.web.ApiMetrics;
import stackdriver.pushgateway.web.ApiStatus;
import stackdriver.pushgateway.web.LifecycleQuit;
import stackdriver.pushgateway.web.MetricsPage;
import stackdriver.pushgateway.web.ReadyAnswer;
import stackdriver.pushgateway.web.SelfMetrics;

/**
 * Wires the gateway: reads each feature's settings (every one checked here, before anything starts), makes the
 * features, binds the beans the YAML routes name, and owns the one lifecycle: {@link #start()}, {@link #stop()},
 * and {@link #run()} for a process.
 */
public final class Gateway {

    private final Main main = new Main();
    private final GroupStore store;
    private final SeriesBudget seriesBudget;
    private final Persistence persistence;
    private final CloudMonitoringExport export;
    private final GroupExpiry expiry;
    /** The HTTP server's Vert.x instance: made here, so closed here (Camel closes only one it made). */
    private final GuardedVertx vertx;
    private final ScaleOut scaleOut;
    private final LeaseLeadership leadership;
    /** Starts and stops the export as this replica leads or not; null without standby writers. */
    private final LeaderExport leaderExport;
    private final SelfMetrics selfMetrics = new SelfMetrics();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    public Gateway(GatewaySettings settings) throws Exception {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the time of pushes and of exported points (tests move it by hand) */
    public Gateway(GatewaySettings settings, Clock clock) throws Exception {
        HttpSettings http = HttpSettings.from(settings);
        PushLimits limits = PushLimits.from(settings);
        ConnectionLimits connectionLimits = ConnectionLimits.from(settings);
        Optional<ReadForwarding> readForwarding = ReadForwarding.from(settings);
        scaleOut = ScaleOut.from(settings);
        HaSettings ha = HaSettings.from(settings, System.getenv("HOSTNAME"));
        PubSubSettings pubSubSettings = PubSubSettings.from(settings, System.getenv("PUBSUB_EMULATOR_HOST"));
        boolean standbys = ha.enabled() && scaleOut.export();
        Optional<PeerSeed> seed = PeerSeed.from(settings, http.routePrefix()).filter(configured -> standbys);
        PubSubBinding pubSub = new PubSubBinding(standbys ? pubSubSettings.forReplica(ha.identity()) : pubSubSettings,
                scaleOut);
        ExportSettings exportSettings = ExportSettings.from(settings);
        GroupTtl ttl = GroupTtl.from(settings);

        // restored while Camel starts; afterConfigure waits for it, before anything reads or changes the store
        persistence = Persistence.openRestoringInBackground(settings,
                new MetricStore(!settings.getBoolean("gateway.push.disable-consistency-check"), clock));
        seriesBudget = new SeriesBudget(persistence.store(), SeriesLimit.from(settings, exportSettings.backend() == ExportSettings.Backend.EMULATOR && scaleOut.export()),
                SeriesLimit.perJob(settings));
        store = seriesBudget;
        // the store pushes go through, so that an expiry is journaled as a DELETE is, and frees its series' budget
        expiry = new GroupExpiry(store, ttl, clock);
        export = new CloudMonitoringExport(exportSettings, store, clock, MonitoringBackends.of(exportSettings, clock),
                persistence);

        // SIGTERM is handled here (StopSignals): Camel's hangup hook would wait for a Main.run() that is not called
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        CamelProperties.of(settings, http, scaleOut, exportSettings).forEach(main::addOverrideProperty);
        // with standbys, the export timer runs only on the replica that holds the Lease
        leaderExport = standbys ? new LeaderExport(main::getCamelContext, Clock.systemUTC()) : null;
        leadership = standbys ? new LeaseLeadership(ha, leaderExport::lead, leaderExport::follow) : null;
        if (standbys) {
            main.addOverrideProperty("route.export-enabled", "false");
        }
        pubSub.properties().forEach(main::addOverrideProperty);
        http.webConfig().flatMap(file -> file.tls()).ifPresent(tls -> CamelTls.configure(main, tls));

        PushRequestCounter pushRequests = new PushRequestCounter();
        vertx = new GuardedVertx(VertxTuning.options(), connectionLimits);
        boolean utf8Names = settings.getBoolean("gateway.push.enable-utf8-names");
        PushDecoder decoder = new PushDecoder(new GroupingKeyPath(settings.get("gateway.push.default-job"), utf8Names),
                limits, new PushBodyParser(utf8Names));
        bindHttp(http, decoder);
        bindWeb(http, settings, utf8Names);
        main.bind("pushApplier", new PushApplier(store));
        pubSub.beans(decoder, clock).forEach(main::bind);
        export.beans().forEach(main::bind);
        selfMetrics.register(pushRequests::families);
        selfMetrics.register(() -> StoreMetrics.of(store));
        selfMetrics.register(seriesBudget::metrics);
        selfMetrics.register(export::selfMetrics);
        selfMetrics.register(expiry::selfMetrics);

        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                CamelContext context = configured.getCamelContext();
                onRoutesStarting(context, () -> new HttpLayer(http, pushRequests, readForwarding).install(context));
                try {
                    persistence.awaitRestored();
                    seriesBudget.recount();
                    // the context stops its services after its routes, so the last save sees every push
                    context.addService(persistence, true, true);
                    pubSub.createTopology();
                    // once this replica's subscription exists, and before it serves or consumes
                    if (seed.isPresent()) {
                        seed.get().seedIfEmpty(store, persistence);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start: " + e.getMessage(), e);
                }
            }
        });
    }

    private void bindHttp(HttpSettings http, PushDecoder decoder) {
        main.bind("vertx", vertx.vertx());
        main.bind("pushRequestReader", new PushRequestReader(decoder, http.prefixedPushPath()));
        main.bind("pushAnswer", new PushAnswer());
        main.bind("httpErrorResponder", new HttpErrorResponder());
        main.bind("healthOk", new PlainTextAnswer(200, "OK"));
    }

    private void bindWeb(HttpSettings http, GatewaySettings settings, boolean utf8Names) throws Exception {
        PageExportView exportView = new PageExportView(export);
        main.bind("readyOk", new ReadyAnswer(persistence::unavailable));
        main.bind("snapshotAnswer", new SnapshotAnswer(persistence, scaleOut.export()));
        main.bind("metricsPage", new MetricsPage(store, selfMetrics, utf8Names));
        main.bind("apiMetrics", new ApiMetrics(store, export.status()::json, expiry::expiresAt));
        Map<String, String> flags = new java.util.TreeMap<>();
        CommandLine.flags().forEach((flag, property) ->
                flags.put(flag, EffectiveSettings.masked(flag, settings.get(property, ""))));
        main.bind("apiStatus", new ApiStatus(flags, EffectiveSettings.of(settings.all()),
                EffectiveSettings.webConfig(http.webConfig()), Instant.now(),
                () -> Map.of("limit", seriesBudget.limit(), "used", seriesBudget.used(), "per_job", seriesBudget.jobLimit())));
        main.bind("adminWipe", new AdminWipe(store, http.adminApi()));
        main.bind("lifecycleQuit", new LifecycleQuit(http.lifecycle(), this::stop));
        main.bind("apiGroups", new GroupList(store, exportView, expiry::expiresAt));
        main.bind("apiGroup", new GroupDetail(store, exportView));
        main.bind("apiExport", new ExportHealth(exportView));
        String prefix = http.routePrefix().equals("/") ? "" : http.routePrefix();
        main.bind("webPage", new WebAsset("index.html", "text/html; charset=utf-8", prefix));
        main.bind("webScript", new WebAsset("page.js", "text/javascript; charset=utf-8", prefix));
        main.bind("webStyle", new WebAsset("page.css", "text/css; charset=utf-8", prefix));
    }

    private static void onRoutesStarting(CamelContext context, Runnable action) {
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                action.run();
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextRoutesStartingEvent;
            }
        });
    }

    /**
     * Starts and returns once the HTTP server listens and the export's backend is up; throws (stopped again) when
     * either cannot. An ingest replica exports nothing, and opens no backend (no emulator, no Google client).
     */
    public synchronized void start() throws Exception {
        try {
            main.start();
        } catch (Exception e) {
            persistence.awaitRestored(); // a damaged saved store is the reason to report, as itself
            throw e;
        }
        expiry.start();
        if (!scaleOut.export()) {
            return;
        }
        try {
            export.start();
            if (leadership != null) {
                leadership.start();
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Starts, and blocks until the gateway is stopped: by SIGTERM or SIGINT (one that comes while it starts stops it
     * once it has started), or by {@code /-/quit}.
     */
    public void run() throws Exception {
        StopSignals.stopOn(this::stop);
        start();
        stopped.await();
    }

    /** Stops taking requests, saves what persistence keeps, and stops exporting; once, whoever calls it. */
    public void stop() {
        synchronized (this) {
            if (stopping.compareAndSet(false, true)) {
                if (leadership != null) {
                    leadership.close();
                    leaderExport.close();
                }
                expiry.close();
                main.stop();
                export.close();
                vertx.close();
                stopped.countDown();
            }
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the gateway stopped (e.g. through {@code /-/quit}) within the timeout. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public GroupStore store() {
        return store;
    }

    public Persistence persistence() {
        return persistence;
    }

    public SelfMetrics selfMetrics() {
        return selfMetrics;
    }

    public GroupExpiry expiry() {
        return expiry;
    }

    public CloudMonitoringExport export() {
        return export;
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }
}
