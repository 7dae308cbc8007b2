package stackdriver.pushgateway.web;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import stackdriver.pushgateway.http.Answer;

/** {@code GET /api/v1/export}: the export's health (last success, retries, backoff) and where it writes. */
public class ExportHealth implements Processor {

    private final ExportView export;

    public ExportHealth(ExportView export) {
        this.export = export;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Answer.body(exchange.getMessage(), 200, "application/json",
                Json.MAPPER.writeValueAsBytes(Map.of("status", "success", "data", export.health())));
    }
}
