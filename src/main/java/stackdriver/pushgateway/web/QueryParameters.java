package stackdriver.pushgateway.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** A request's query string as names and values (the last of a repeated name wins). */
final class QueryParameters {

    private QueryParameters() {
    }

    /** @throws IllegalArgumentException saying what is wrong, when a name or value is not percent-encoded properly */
    static Map<String, String> of(Message message) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = message.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("query parameter \"" + pair + "\" is not percent-encoded properly: "
                        + e.getMessage());
            }
        }
        return parameters;
    }
}
