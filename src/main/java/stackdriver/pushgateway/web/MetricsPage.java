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

    public MetricsPage(GroupStore store, SelfMetrics selfMetrics) {
        this.store = store;
        this.selfMetrics = selfMetrics;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        ExpositionFormat format = ExpositionFormat.negotiate(message.getHeader("Accept", String.class));
        List<MetricFamily> families = new ArrayList<>(ExposedFamilies.of(store.groups()));
        families.addAll(selfMetrics.collect());
        PageBuffer out = new PageBuffer();
        format.write(families, out);
        Answer.body(message, 200, format.contentType(), out.toBuffer());
    }
}
