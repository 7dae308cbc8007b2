package stackdriver.pushgateway.web;

import stackdriver.pushgateway.http.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.exposition.ExpositionFormat;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.store.GroupStore;

/** {@code GET /metrics}: every stored group and the gateway's own metrics, in the format the Accept header asks for. */
public class MetricsPage implements Processor {

    private final GroupStore store;
    private final SelfMetrics selfMetrics;
    private final boolean utf8Names;

    public MetricsPage(GroupStore store, SelfMetrics selfMetrics) {
        this(store, selfMetrics, false);
    }

    /** @param utf8Names names escaped as the scraper asks, as the Pushgateway 1.11 with --push.enable-utf8-names */
    public MetricsPage(GroupStore store, SelfMetrics selfMetrics, boolean utf8Names) {
        this.store = store;
        this.selfMetrics = selfMetrics;
        this.utf8Names = utf8Names;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String accept = message.getHeader("Accept", String.class);
        List<MetricFamily> families = new ArrayList<>(ExposedFamilies.of(store.groups()));
        families.addAll(selfMetrics.collect());
        PageBuffer out = new PageBuffer();
        if (utf8Names) {
            ExpositionFormat.Choice choice = ExpositionFormat.negotiateWithEscaping(accept);
            choice.write(families, out);
            Answer.body(message, 200, choice.contentType(), out.toBuffer());
            return;
        }
        ExpositionFormat format = ExpositionFormat.negotiate(accept);
        format.write(families, out);
        Answer.body(message, 200, format.contentType(), out.toBuffer());
    }
}
