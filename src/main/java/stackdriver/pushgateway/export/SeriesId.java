package stackdriver.pushgateway.export;

import com.google.api.Metric;
import com.google.api.MonitoredResource;

/** What Cloud Monitoring tells series apart by: the metric (type and labels) and the monitored resource. */
public record SeriesId(Metric metric, MonitoredResource resource) {

    public String type() {
        return metric.getType();
    }

    @Override
    public String toString() {
        return metric.getType() + metric.getLabelsMap() + " on " + resource.getType() + resource.getLabelsMap();
    }
}
