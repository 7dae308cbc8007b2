package stackdriver.pushgateway.web;

import stackdriver.pushgateway.http.Answer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.config.Version;

/**
 * {@code GET /api/v1/status}: build information, the flags in force and the start time, as the Pushgateway shows
 * them; and, for the web page's status view, every setting in force and the web config's users, secrets masked;
 * and the series budget ({@code series_limit}: limit and use), which it does not have.
 */
public class ApiStatus implements Processor {

    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Supplier<Map<String, Object>> seriesLimit;

    /**
     * @param flags       each Pushgateway flag and its value
     * @param settings    every setting and its value, secrets masked (see {@link EffectiveSettings})
     * @param webConfig   what the web config file sets up, secrets masked
     * @param seriesLimit gateway.limits.series-total and the series counted against it, read at each request
     */
    public ApiStatus(Map<String, String> flags, Map<String, String> settings, Map<String, Object> webConfig,
            Instant startTime, Supplier<Map<String, Object>> seriesLimit) {
        this.seriesLimit = seriesLimit;
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("branch", "");
        build.put("buildDate", "");
        build.put("buildUser", "");
        build.put("goVersion", "");
        build.put("javaVersion", System.getProperty("java.version"));
        build.put("revision", "");
        build.put("version", Version.VERSION);
        data.put("build_information", build);
        data.put("flags", flags);
        data.put("start_time", startTime.toString());
        data.put("settings", settings);
        data.put("web_config", webConfig);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<String, Object> now = new LinkedHashMap<>(data);
        now.put("series_limit", seriesLimit.get());
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("status", "success", "data", now));
        Answer.body(exchange.getMessage(), 200, "application/json", body);
    }
}
