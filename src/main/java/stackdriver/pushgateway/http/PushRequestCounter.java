package stackdriver.pushgateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

/**
 * Counts push API requests by status code and method, as the Pushgateway's {@code pushgateway_http_requests_total}.
 * It counts the answer as it leaves, whichever step wrote it (applied, published to Pub/Sub, or refused).
 */
public class PushRequestCounter {
    private static final Set<HttpMethod> PUSH_METHODS = Set.of(HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE);

    private final Map<Labels, LongAdder> counts = new ConcurrentHashMap<>();

    /** On every path below {@code pushPath}, after the answers to methods the push API does not serve. */
    void install(Router router, String pushPath) {
        router.route(pushPath + "/*").order(HttpLayer.AFTER_METHOD_ANSWERS).handler(this::countWhenAnswered);
    }

    private void countWhenAnswered(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (PUSH_METHODS.contains(method)) {
            ctx.addHeadersEndHandler(ignored -> count(ctx.response().getStatusCode(), method.name()));
        }
        ctx.next();
    }

    void count(int code, String method) {
        String lower = method.toLowerCase(java.util.Locale.ROOT);
        String handler = "delete".equals(lower) ? "delete" : "push";
        counts.computeIfAbsent(Labels.of("code", Integer.toString(code), "handler", handler, "method", lower),
                k -> new LongAdder()).increment();
    }

    public List<MetricFamily> families() {
        List<Metric> metrics = new ArrayList<>();
        counts.forEach((labels, count) -> metrics.add(Metric.ofValue(labels, count.sum())));
        return List.of(new MetricFamily("pushgateway_http_requests_total",
                "Total HTTP requests processed by the Pushgateway, excluding scrapes.", MetricType.COUNTER, metrics));
    }
}
