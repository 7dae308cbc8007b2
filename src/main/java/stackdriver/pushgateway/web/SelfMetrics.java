package stackdriver.pushgateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import stackdriver.pushgateway.model.MetricFamily;

/** The gateway's own metrics on {@code GET /metrics}: each part of the gateway registers what it reports. */
public class SelfMetrics {

    private final List<Supplier<List<MetricFamily>>> sources = new CopyOnWriteArrayList<>();

    public void register(Supplier<List<MetricFamily>> source) {
        sources.add(source);
    }

    public List<MetricFamily> collect() {
        List<MetricFamily> families = new ArrayList<>();
        for (Supplier<List<MetricFamily>> source : sources) {
            families.addAll(source.get());
        }
        return families;
    }
}
