package stackdriver.pushgateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.Distribution;
import com.google.api.MetricDescriptor.MetricKind;
import com.google.api.MonitoredResource;
import com.google.common.primitives.Bytes;
import com.google.monitoring.v3.CreateTimeSeriesRequest;
import com.google.monitoring.v3.TypedValue;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.store.GroupingKey;

/** The export's plain-Java parts on their own: batching, start times, partial-failure messages, label syntax. */
class ExportPartsTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void aSeriesWithoutJobOrInstanceIsOnATargetWithBothEmptyAsGmpWritesIt() {
        ResourceMapping mapping = ResourceMapping.of(ExportSettingsTestValues.defaults());

        MonitoredResource resource = mapping.resource(stackdriver.pushgateway.model.Labels.of("path", "/a"));

        assertThat(resource.getLabelsMap()).containsEntry("job", "").containsEntry("instance", "")
                .containsEntry("location", "us-central1");
    }

    @Test
    void batchesHoldAtMost200SeriesInOrder() {
        List<PendingPoint> points = new ArrayList<>();
        for (int i = 0; i < 451; i++) {
            points.add(point(counter("s" + i, 1, T0)));
        }

        List<List<PendingPoint>> batches = new ArrayList<>();
        TimeSeriesBatcher batcher = new TimeSeriesBatcher(batches::add);
        points.forEach(batcher::add);
        assertThat(batches).as("full requests are handed on at once").hasSize(2);
        batcher.flush();

        assertThat(batches).extracting(List::size).containsExactly(200, 200, 51);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(points);
    }

    @Test
    void anEncodedRequestIsTheRequestTheClientWouldSend() throws Exception {
        com.google.api.Metric metric = com.google.api.Metric.newBuilder().setType("prometheus.googleapis.com/g/gauge")
                .putLabels("code", "200").putLabels("path", "/ä").build();
        MonitoredResource resource = MonitoredResource.newBuilder().setType("prometheus_target")
                .putLabels("instance", "i").putLabels("job", "j").build();
        ExportedSeries gauge = new ExportedSeries(new SeriesId(metric, resource), MetricKind.GAUGE,
                TypedValue.newBuilder().setDoubleValue(2.5).build(), Double.NaN, Double.NaN, T0,
                GroupingKey.of("job", "j"), "g", "", "");
        ExportedSeries histogram = new ExportedSeries(new SeriesId(metric.toBuilder().setType("prometheus.googleapis.com/h/histogram")
                .build(), resource), MetricKind.CUMULATIVE, TypedValue.newBuilder().setDistributionValue(
                Distribution.newBuilder().setCount(3).setMean(1.5).addBucketCounts(1).addBucketCounts(2)).build(), 3,
                Double.NaN, T0, GroupingKey.of("job", "j"), "h", "", "");
        List<PendingPoint> points = List.of(point(gauge), point(counter("c", 7, T0)),
                new PendingPoint(counter("zero", 0, T0), T0.plusNanos(1), T0.plusMillis(60_250)),
                point(counter("nan", Double.NaN, T0)), point(counter("negative", Double.NEGATIVE_INFINITY, T0)),
                new PendingPoint(histogram, Instant.EPOCH, T0.plusNanos(999_999_999)));

        EncodedRequest encoded = EncodedRequest.of("projects/p", points);

        CreateTimeSeriesRequest expected = CreateTimeSeriesRequest.newBuilder().setName("projects/p")
                .addAllTimeSeries(points.stream().map(PendingPoint::timeSeries).toList()).build();
        assertThat(CreateTimeSeriesRequest.parseFrom(encoded.bytes())).isEqualTo(expected);
        assertThat(encoded.bytes()).as("labels in key order, as the deterministic encoding writes them")
                .isEqualTo(expected.toByteString());
    }

    @Test
    void anEncodedRequestReachesGrpcWholeWhetherDrainedOrRead() throws Exception {
        EncodedRequest request = EncodedRequest.of("projects/p", List.of(point(counter("c", 7, T0))));
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        try (InputStream stream = MetricServiceConnection.CREATE_TIME_SERIES_METHOD.streamRequest(request)) {
            assertThat(((KnownLength) stream).available()).isEqualTo(request.bytes().size());
            assertThat(((Drainable) stream).drainTo(drained)).isEqualTo(request.bytes().size());
            assertThat(stream.read()).isEqualTo(-1);
        }
        assertThat(drained.toByteArray()).isEqualTo(request.bytes().toByteArray());
        try (InputStream stream = MetricServiceConnection.CREATE_TIME_SERIES_METHOD.streamRequest(request)) {
            byte[] first = new byte[] {(byte) stream.read()};
            assertThat(Bytes.concat(first, stream.readAllBytes())).isEqualTo(request.bytes().toByteArray());
        }
    }

    @Test
    void cumulativeStartsWhenStoredAndIsKeptWhileTheValueGrows() {
        SeriesHistory history = new SeriesHistory();
        assertThat(history.next(counter("c", 1, T0), T0.plusSeconds(60))).isEqualTo(T0);
        assertThat(history.next(counter("c", 5, T0), T0.plusSeconds(120))).isEqualTo(T0);
    }

    @Test
    void decreaseStartsANewPeriodJustAfterThePreviousEnd() {
        SeriesHistory history = new SeriesHistory();
        history.next(counter("c", 5, T0), T0.plusSeconds(60));
        assertThat(history.next(counter("c", 2, T0), T0.plusSeconds(120))).isEqualTo(T0.plusSeconds(60).plusMillis(1));
    }

    @Test
    void aForgottenSeriesStartsAfreshThoughTheSameMappedSeriesComesBack() {
        SeriesHistory history = new SeriesHistory();
        ExportedSeries five = counter("c", 5, T0);
        history.next(five, T0.plusSeconds(60));
        history.forget(List.of(five.id()));
        ExportedSeries two = new ExportedSeries(five.id(), five.kind(), five.value(), 2, five.createdSeconds(),
                five.firstSeen(), five.group(), five.family(), five.help(), five.unit(), five.history());

        assertThat(history.next(two, T0.plusSeconds(120))).as("not a reset of the forgotten period").isEqualTo(T0);
    }

    @Test
    void pointWithinTheSamplingPeriodOfTheLastOneWaits() {
        SeriesHistory history = new SeriesHistory();
        history.next(counter("c", 1, T0), T0.plusSeconds(60));
        assertThat(history.next(counter("c", 1, T0), T0.plusSeconds(64))).isNull();
        assertThat(history.next(counter("c", 1, T0), T0.plusSeconds(65))).isEqualTo(T0);
    }

    @Test
    void partialFailureMessageNamesEachRefusedSeries() {
        Map<Integer, String> reasons = PartialFailure.parse("One or more TimeSeries could not be written:"
                + " Field timeSeries[0].metric.labels had an invalid value of \"1a\": Label keys must start with a"
                + " letter.: timeSeries[0,2-3]; One or more points were written more frequently than the maximum"
                + " sampling period configured for the metric.: timeSeries[5]");

        assertThat(reasons).containsOnlyKeys(0, 2, 3, 5);
        assertThat(reasons.get(3)).startsWith("Field timeSeries[0].metric.labels").endsWith("letter.");
        assertThat(PartialFailure.cause(reasons.get(5))).isEqualTo("sampling_period");
        assertThat(PartialFailure.transientCause(PartialFailure.cause(reasons.get(5)))).isTrue();
        assertThat(PartialFailure.transientCause(PartialFailure.cause(reasons.get(0)))).isFalse();
    }

    @Test
    void labelKeysAreMadeValidAndValuesCutAt1024Bytes() {
        assertThat(LabelSanitizer.key("path")).isEqualTo("path");
        assertThat(LabelSanitizer.key("a-b.c")).isEqualTo("a_b_c");
        assertThat(LabelSanitizer.key("_x")).isEqualTo("key_x");
        assertThat(LabelSanitizer.key("1x")).isEqualTo("key_1x");
        assertThat(LabelSanitizer.key("k".repeat(150))).hasSize(100);
        assertThat(LabelSanitizer.value("é".repeat(600)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSize(1024);
    }

    static ExportedSeries counter(String name, double value, Instant pushedAt) {
        com.google.api.Metric metric = com.google.api.Metric.newBuilder()
                .setType("prometheus.googleapis.com/" + name + "/counter").build();
        return new ExportedSeries(new SeriesId(metric, MonitoredResource.newBuilder().setType("global").build()),
                MetricKind.CUMULATIVE, TypedValue.newBuilder().setDoubleValue(value).build(), value, Double.NaN,
                pushedAt, GroupingKey.of("job", "j"), name, "", "");
    }

    private static PendingPoint point(ExportedSeries series) {
        return new PendingPoint(series, T0, T0.plusSeconds(60));
    }
}
