package stackdriver.pushgateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON mapper of the API pages, created by their first request: setting Jackson up is not worth delaying the start for. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
