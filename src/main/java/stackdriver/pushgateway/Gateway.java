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
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;
import stackdriver.pushgateway.persistence.Persistence;
import stackdriver.pushgateway.push.FormBodyAsText;
import stackdriver.pushgateway.push.GroupingKeyPath;
import stackdriver.pushgateway.push.HttpErrorResponder;
import stackdriver.pushgateway.push.PushApplier;
import stackdriver.pushgateway.push.PushLimits;
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
    private final Persistence persistence;
    private final SelfMetrics selfMetrics = new SelfMetrics();

    public Gateway(GatewaySettings settings) throws Exception {
        this.settings = settings;
        if (!settings.get("gateway.web.config-file", "").isEmpty()) {
            throw new IllegalArgumentException("gateway.web.config-file (--web.config.file) is not supported yet:"
                    + " terminate TLS and basic auth in front of the gateway");
        }
        this.store = new MetricStore(!settings.getBoolean("gateway.push.disable-consistency-check"), Clock.systemUTC());
        this.persistence = Persistence.open(settings, store);
        configureCamel();
        bindBeans();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                FormBodyAsText.install(started.getCamelContext(), settings.listenAddress().port());
            }

            @Override
            public void afterConfigure(BaseMainSupport configured) {
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

    public MetricStore store() {
        return store;
    }

    /** Where other components register the state they need back after a restart. */
    public Persistence persistence() {
        return persistence;
    }

    public SelfMetrics selfMetrics() {
        return selfMetrics;
    }

    /** Starts and returns once the HTTP server listens. */
    public void start() throws Exception {
        main.start();
    }

    /** Starts and blocks until the gateway is stopped (SIGTERM or {@code /-/quit}). */
    public void run() throws Exception {
        main.run();
    }

    public void stop() {
        main.stop();
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
        main.bind("pushApplier", persistence.journaledPush(new PushApplier(store)));
        main.bind("httpErrorResponder", new HttpErrorResponder());
        main.bind("metricsPage", new MetricsPage(store, selfMetrics));
        main.bind("apiMetrics", new ApiMetrics(store));
        main.bind("apiStatus", new ApiStatus(settings, Instant.now()));
        main.bind("adminWipe", persistence.journaledWipe(
                new AdminWipe(store, settings.getBoolean("gateway.web.enable-admin-api"))));
        main.bind("lifecycleQuit", new LifecycleQuit(settings.getBoolean("gateway.web.enable-lifecycle"), main::completed));
        main.bind("healthOk", new PlainTextAnswer(200, "OK"));
        main.bind("readyOk", new PlainTextAnswer(200, "OK"));
        selfMetrics.register(this::storeMetrics);
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
