package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.model.Metric;
import stackdriver.pushgateway.model.MetricFamily;
import stackdriver.pushgateway.model.MetricType;

class OpenMetricsParserTest {

    private static List<MetricFamily> parse(String body) {
        return new OpenMetricsParser().parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(String body, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(ExpositionParseException.class).hasMessage(message);
    }

    @Test
    void counterIsStoredUnderItsTotalName() {
        MetricFamily f = parse("# TYPE c counter\n# HELP c Requests.\nc_total{a=\"1\"} 3\n# EOF\n").get(0);
        assertThat(f.name()).isEqualTo("c_total");
        assertThat(f.type()).isEqualTo(MetricType.COUNTER);
        assertThat(f.help()).isEqualTo("Requests.");
        assertThat(f.metrics()).containsExactly(Metric.ofValue(Labels.of("a", "1"), 3));
    }

    @Test
    void createdSetsTheStartOfTheMatchingSeries() {
        List<Metric> metrics = parse("# TYPE c counter\nc_total{a=\"1\"} 3\nc_created{a=\"1\"} 1700000000.5\n"
                + "c_total{a=\"2\"} 4\n# EOF\n").get(0).metrics();
        assertThat(metrics).hasSize(2);
        assertThat(metrics.get(0).createdSeconds()).isEqualTo(1700000000.5);
        assertThat(metrics.get(1).createdSeconds()).isNaN();
    }

    @Test
    void createdWithoutTotalIsAnError() {
        assertError("# TYPE c counter\nc_created 1\n# EOF\n", "openmetrics parsing error in line 3: series c_created{} has no _total sample");
    }

    @Test
    void unitIsKeptAndMustBeANameSuffix() {
        assertThat(parse("# TYPE d_seconds gauge\n# UNIT d_seconds seconds\nd_seconds 1.5\n# EOF").get(0).unit()).isEqualTo("seconds");
        assertError("# TYPE d gauge\n# UNIT d seconds\n# EOF\n",
                "openmetrics parsing error in line 2: unit \"seconds\" is not a suffix of metric name \"d\"");
    }

    @Test
    void infoBecomesGaugeFamilyNamedInfo() {
        MetricFamily f = parse("# TYPE build info\nbuild_info{version=\"1.2\"} 1\n# EOF\n").get(0);
        assertThat(f.name()).isEqualTo("build_info");
        assertThat(f.type()).isEqualTo(MetricType.GAUGE);
        assertThat(f.metrics()).containsExactly(Metric.ofValue(Labels.of("version", "1.2"), 1));
    }

    @Test
    void statesetBecomesGaugeWithOneSeriesPerState() {
        MetricFamily f = parse("# TYPE s stateset\ns{s=\"a\"} 1\ns{s=\"b\"} 0\n# EOF\n").get(0);
        assertThat(f.name()).isEqualTo("s");
        assertThat(f.type()).isEqualTo(MetricType.GAUGE);
        assertThat(f.metrics()).containsExactly(Metric.ofValue(Labels.of("s", "a"), 1), Metric.ofValue(Labels.of("s", "b"), 0));
    }

    @Test
    void statesetValueMustBeZeroOrOne() {
        assertError("# TYPE s stateset\ns{s=\"a\"} 2\n# EOF\n", "openmetrics parsing error in line 2: stateset value must be 0 or 1, got 2");
    }

    @Test
    void histogramWithCreated() {
        Metric m = parse("# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 3\nh_sum 2.5\nh_count 3\nh_created 100\n# EOF\n")
                .get(0).metrics().get(0);
        assertThat(m.bucketBounds()).containsExactly(0.5, Double.POSITIVE_INFINITY);
        assertThat(m.bucketCounts()).containsExactly(1, 3);
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.sum()).isEqualTo(2.5);
        assertThat(m.createdSeconds()).isEqualTo(100);
        assertThat(m.labels()).isEqualTo(Labels.EMPTY);
    }

    @Test
    void histogramWithoutSumAndCountTakesCountFromInfBucket() {
        Metric m = parse("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 3\n# EOF\n").get(0).metrics().get(0);
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.sum()).isNaN();
    }

    @Test
    void histogramWithoutInfBucketIsAnError() {
        assertError("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n# EOF\n", "openmetrics parsing error in line 3: histogram h{} has no +Inf bucket");
    }

    @Test
    void gaugeHistogramUsesGcountAndGsum() {
        MetricFamily f = parse("# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 4\ng_gcount 4\ng_gsum 9\n# EOF\n").get(0);
        assertThat(f.type()).isEqualTo(MetricType.GAUGE_HISTOGRAM);
        assertThat(f.metrics().get(0).count()).isEqualTo(4);
        assertThat(f.metrics().get(0).sum()).isEqualTo(9);
    }

    @Test
    void summaryQuantilesAndCreated() {
        Metric m = parse("# TYPE s summary\ns{quantile=\"0.9\"} 2\ns{quantile=\"0.5\"} 1\ns_sum 5\ns_count 3\ns_created 7\n# EOF\n")
                .get(0).metrics().get(0);
        assertThat(m.quantiles()).containsExactly(0.5, 0.9);
        assertThat(m.quantileValues()).containsExactly(1, 2);
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.createdSeconds()).isEqualTo(7);
    }

    @Test
    void unknownBecomesUntypedAndSamplesWithoutTypeAreUnknown() {
        List<MetricFamily> families = parse("# TYPE u unknown\nu 1\nv 2\n# EOF\n");
        assertThat(families).extracting(MetricFamily::type).containsExactly(MetricType.UNTYPED, MetricType.UNTYPED);
        assertThat(families).extracting(MetricFamily::name).containsExactly("u", "v");
    }

    @Test
    void exemplarsAreParsedAndDropped() {
        List<MetricFamily> families = parse("# TYPE c counter\nc_total 3 # {trace_id=\"abc\"} 1.0 1700000000.1\n"
                + "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 3 # {} 2\n# EOF\n");
        assertThat(families.get(0).metrics().get(0)).isEqualTo(Metric.ofValue(Labels.EMPTY, 3));
        assertThat(families.get(1).metrics().get(0).count()).isEqualTo(3);
    }

    @Test
    void exemplarOnGaugeIsAnError() {
        assertError("# TYPE g gauge\ng 3 # {a=\"b\"} 1\n# EOF\n",
                "openmetrics parsing error in line 2: exemplars are only allowed on counter _total and histogram _bucket samples");
    }

    @Test
    void timestampsInSecondsBecomeMillis() {
        assertThat(parse("a 1 1700000000.123\n# EOF\n").get(0).metrics().get(0).timestampMillis()).isEqualTo(1700000000123L);
    }

    @Test
    void escapesInHelpAndLabels() {
        MetricFamily f = parse("# HELP a q\\\"b\\\\s\\nn\na{l=\"x\\\"y\\\\z\\nw\"} 1\n# EOF\n").get(0);
        assertThat(f.help()).isEqualTo("q\"b\\s\nn");
        assertThat(f.metrics().get(0).labels().get("l")).isEqualTo("x\"y\\z\nw");
    }

    @Test
    void missingEofIsAnError() {
        assertError("a 1\n", "openmetrics parsing error in line 2: expected # EOF at the end of the input");
        assertError("", "openmetrics parsing error in line 1: expected # EOF at the end of the input");
    }

    @Test
    void contentAfterEofIsAnError() {
        assertError("a 1\n# EOF\nb 2\n", "openmetrics parsing error in line 3: unexpected content after # EOF");
    }

    @Test
    void eofWithoutFinalNewlineIsAccepted() {
        assertThat(parse("a 1\n# EOF")).hasSize(1);
        assertThat(parse("# EOF\n")).isEmpty();
    }

    @Test
    void interleavedFamiliesAreAnError() {
        assertError("a 1\nb 1\na{x=\"1\"} 2\n# EOF\n",
                "openmetrics parsing error in line 3: metric family \"a\" appears twice; its lines must be together");
    }

    @Test
    void metadataAfterSamplesIsAnError() {
        assertError("# TYPE a gauge\na 1\n# HELP a late\n# EOF\n",
                "openmetrics parsing error in line 3: HELP line for metric name \"a\" after its samples");
    }

    @Test
    void secondTypeIsAnError() {
        assertError("# TYPE a gauge\n# TYPE a counter\n# EOF\n", "openmetrics parsing error in line 2: second TYPE line for metric name \"a\"");
    }

    @Test
    void unknownTypeIsAnError() {
        assertError("# TYPE a untyped\n# EOF\n", "openmetrics parsing error in line 1: unknown metric type \"untyped\"");
    }

    @Test
    void negativeCounterIsAnError() {
        assertError("# TYPE c counter\nc_total -1\n# EOF\n",
                "openmetrics parsing error in line 2: counter value must be a non-negative number, got -1");
    }

    @Test
    void duplicateLabelNamesAreAnError() {
        assertError("a{b=\"1\",b=\"2\"} 1\n# EOF\n", "openmetrics parsing error in line 1: duplicate label names for metric \"a\"");
    }

    @Test
    void badValueIsAnError() {
        assertError("a x\n# EOF\n", "openmetrics parsing error in line 1: expected float as value, got \"x\"");
    }

    @Test
    void plainCommentsAreNotOpenMetrics() {
        assertError("# hello\n# EOF\n", "openmetrics parsing error in line 1: expected # HELP, # TYPE, # UNIT or # EOF, got \"# hello\"");
    }

    @Test
    void emptyLineIsAnError() {
        assertError("a 1\n\n# EOF\n", "openmetrics parsing error in line 2: unexpected empty line");
    }

    @Test
    void familyNameClashingWithSampleNameOfAnotherFamilyIsAnError() {
        assertError("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\nx 1\nh_sum 2\n# EOF\n",
                "openmetrics parsing error in line 6: metric family \"h_sum\" clashes with a sample name of another family");
        assertError("c_total 1\n# TYPE c counter\n# EOF\n",
                "openmetrics parsing error in line 2: sample name \"c_total\" of metric family \"c\" clashes with another family");
    }

    @Test
    void histogramCountWithoutSumIsAnError() {
        assertError("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n# EOF\n",
                "openmetrics parsing error in line 4: count and sum of h{} must be both present or both absent");
    }

    @Test
    void decreasingBucketsAreAnError() {
        assertError("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n# EOF\n",
                "openmetrics parsing error in line 4: bucket counts of histogram h{} decrease as le grows");
    }

    @Test
    void fractionalBucketCountIsAnError() {
        assertError("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 0.5\n# EOF\n",
                "openmetrics parsing error in line 2: histogram counts must be non-negative integers, got 0.5");
    }

    @Test
    void unknownEscapesAreKeptAsWrittenLikePrometheusDoes() {
        MetricFamily f = parse("# HELP a x\\qy\na{b=\"c\\d\"} 1\n# EOF\n").get(0);
        assertThat(f.help()).isEqualTo("x\\qy");
        assertThat(f.metrics().get(0).labels().get("b")).isEqualTo("c\\d");
    }

    @Test
    void errorMessagesStayOnOneLine() {
        assertThatThrownBy(() -> parse("# TYPE c counter\nc_created{a=\"x\\ny\"} 1\n# EOF\n"))
                .hasMessage("openmetrics parsing error in line 3: series c_created{a=\"x\\ny\"} has no _total sample");
    }

    @Test
    void helpNeedsASpaceAfterTheName() {
        assertError("# HELP a\na 1\n# EOF\n", "openmetrics parsing error in line 1: expected ' ', found end of line");
    }
}
