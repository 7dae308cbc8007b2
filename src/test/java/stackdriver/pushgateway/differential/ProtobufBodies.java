package stackdriver.pushgateway.differential;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Delimited {@code io.prometheus.client.MetricFamily} bodies as the Go and Java clients send them, built with the generated model. */
public final class ProtobufBodies {

    private ProtobufBodies() {
    }

    public static byte[] counterAndHistogram() {
        Metrics.MetricFamily counter = Metrics.MetricFamily.newBuilder().setName("requests_total").setHelp("Requests.")
                .setType(Metrics.MetricType.COUNTER)
                .addMetric(Metrics.Metric.newBuilder()
                        .addLabel(Metrics.LabelPair.newBuilder().setName("code").setValue("200"))
                        .setCounter(Metrics.Counter.newBuilder().setValue(42)))
                .build();
        Metrics.MetricFamily histogram = Metrics.MetricFamily.newBuilder().setName("latency_seconds")
                .setType(Metrics.MetricType.HISTOGRAM)
                .addMetric(Metrics.Metric.newBuilder().setHistogram(Metrics.Histogram.newBuilder()
                        .setSampleCount(3).setSampleSum(1.5)
                        .addBucket(Metrics.Bucket.newBuilder().setUpperBound(0.5).setCumulativeCount(1))
                        .addBucket(Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCount(2))))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            counter.writeDelimitedTo(out);
            histogram.writeDelimitedTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
