package stackdriver.pushgateway.web;

import stackdriver.pushgateway.http.Answer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.config.Version;

/**
 * {@code GET /api/v1/status}: build information, the flags in force and the start time, as the Pushgateway shows
 * them; and, for the web page's status view, every setting in force and the web config's users, secrets masked.
 */
public class ApiStatus implements Processor {

    private final Map<String, Object> status;
    private volatile byte[] body;

    /**
     * @param flags     each Pushgateway flag and its value
     * @param settings  every setting and its value, secrets masked (see {@link EffectiveSettings})
     * @param webConfig what the web config file sets up, secrets masked
     */
    public ApiStatus(Map<String, String> flags, Map<String, String> settings, Map<String, Object> webConfig,
            Instant startTime) {
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("branch", "");
        build.put("buildDate", "");
        build.put("buildUser", "");
        build.put("goVersion", "");
        build.put("javaVersion", System.getProperty("java.version"));
        build.put("revision", "");
        build.put("version", Version.VERSION);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("build_information", build);
        data.put("flags", flags);
        data.put("start_time", startTime.toString());
        data.put("settings", settings);
        data.put("web_config", webConfig);
        this.status = Map.of("status", "success", "data", data);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (body == null) {
            body = Json.MAPPER.writeValueAsBytes(status);
        }
        Answer.body(exchange.getMessage(), 200, "application/json", body);
    }
}
