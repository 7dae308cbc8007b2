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

class TextFormatParserTest {

    private static List<MetricFamily> parse(String body) {
        return new TextFormatParser().parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(String body, String message) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(ExpositionParseException.class)
                .hasMessage(message);
    }

    @Test
    void untypedSampleWithoutTypeLine() {
        List<MetricFamily> families = parse("my_metric 99\n");
        assertThat(families).hasSize(1);
        MetricFamily f = families.get(0);
        assertThat(f.name()).isEqualTo("my_metric");
        assertThat(f.type()).isEqualTo(MetricType.UNTYPED);
        assertThat(f.help()).isEmpty();
        assertThat(f.metrics()).containsExactly(Metric.ofValue(Labels.EMPTY, 99));
    }

    @Test
    void helpAndTypeApplyToTheFamily() {
        MetricFamily f = parse("# HELP c Requests served.\n# TYPE c counter\nc{path=\"/a\"} 3\nc{path=\"/b\"} 4\n").get(0);
        assertThat(f.help()).isEqualTo("Requests served.");
        assertThat(f.type()).isEqualTo(MetricType.COUNTER);
        assertThat(f.metrics()).extracting(Metric::labels)
                .containsExactly(Labels.of("path", "/a"), Labels.of("path", "/b"));
    }

    @Test
    void missingFinalNewlineIsAccepted() {
        assertThat(parse("a 1\nb{x=\"y\"} 2 1000").get(1).metrics().get(0).timestampMillis()).isEqualTo(1000);
    }

    @Test
    void incompleteLastLineWithoutNewlineIsUnexpectedEnd() {
        assertError("a 1\nb{x=\"y", "text format parsing error in line 2: unexpected end of input stream");
        assertError("a{x=\"y\"}", "text format parsing error in line 1: unexpected end of input stream");
    }

    @Test
    void emptyBodyHasNoFamilies() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("\n  \n# just a comment\n")).isEmpty();
    }

    @Test
    void familiesKeepOrderOfFirstAppearance() {
        assertThat(parse("z 1\na 2\nm 3\nz{b=\"c\"} 4\n")).extracting(MetricFamily::name).containsExactly("z", "a", "m");
    }

    @Test
    void typeLineWithoutSamplesYieldsNoFamily() {
        assertThat(parse("# TYPE a counter\n# HELP b b\n")).isEmpty();
    }

    @Test
    void labelValueEscapesAreDecoded() {
        Metric m = parse("a{v=\"back\\\\slash \\\"quoted\\\" new\\nline\"} 1\n").get(0).metrics().get(0);
        assertThat(m.labels().get("v")).isEqualTo("back\\slash \"quoted\" new\nline");
    }

    @Test
    void helpEscapesAreDecoded() {
        assertThat(parse("# HELP a x\\\\y\\nz \"q\"\na 1\n").get(0).help()).isEqualTo("x\\y\nz \"q\"");
    }

    @Test
    void invalidEscapeInHelpIsAnError() {
        assertError("# HELP a x\\ty\n", "text format parsing error in line 1: invalid escape sequence '\\t'");
    }

    @Test
    void specialValuesInEveryGoSpelling() {
        List<Metric> metrics = parse("a NaN\na nan\na +Inf\na inf\na Infinity\na -inf\na -INFINITY\na 1e3\na .5\na -2.\n")
                .get(0).metrics();
        assertThat(metrics).extracting(Metric::value).containsExactly(Double.NaN, Double.NaN,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1000.0, 0.5, -2.0);
    }

    @Test
    void valuesGoRejectsAreErrors() {
        assertError("a +nan\n", "text format parsing error in line 1: expected float as value, got \"+nan\"");
        assertError("a 0x10\n", "text format parsing error in line 1: expected float as value, got \"0x10\"");
        assertError("a 1_000\n", "text format parsing error in line 1: expected float as value, got \"1_000\"");
        assertError("a 1e400\n", "text format parsing error in line 1: expected float as value, got \"1e400\"");
        assertError("a 1d\n", "text format parsing error in line 1: expected float as value, got \"1d\"");
    }

    @Test
    void manyDigitValuesAreRoundedCorrectly() {
        assertThat(parse("a 0.30000000000000004\n").get(0).metrics().get(0).value()).isEqualTo(0.1 + 0.2);
        assertThat(parse("a 123456789012345678\n").get(0).metrics().get(0).value()).isEqualTo(123456789012345678.0);
    }

    @Test
    void timestampsAreKept() {
        assertThat(parse("a 1 -5\n").get(0).metrics().get(0).timestampMillis()).isEqualTo(-5);
    }

    @Test
    void badTimestampIsAnError() {
        assertError("a 1 1.5\n", "text format parsing error in line 1: expected integer as timestamp, got \"1.5\"");
        assertError("a 1 \n", "text format parsing error in line 1: expected integer as timestamp, got \"\"");
    }

    @Test
    void textAfterTimestampIsAnError() {
        assertError("a 1 2 3\n", "text format parsing error in line 1: spurious string after timestamp: \" 3\"");
    }

    @Test
    void typeAfterSamplesIsAnError() {
        assertError("x 1\n\n# TYPE x counter\n",
                "text format parsing error in line 3: second TYPE line for metric name \"x\", or TYPE reported after samples");
    }

    @Test
    void secondTypeLineIsAnError() {
        assertError("# TYPE x counter\n# TYPE x gauge\n",
                "text format parsing error in line 2: second TYPE line for metric name \"x\", or TYPE reported after samples");
    }

    @Test
    void secondHelpLineIsAnError() {
        assertError("# HELP x a\n# HELP x b\n", "text format parsing error in line 2: second HELP line for metric name \"x\"");
    }

    @Test
    void unknownTypeIsAnError() {
        assertError("# TYPE x gaugehistogram\n", "text format parsing error in line 1: unknown metric type \"gaugehistogram\"");
    }

    @Test
    void typeWordIsCaseInsensitive() {
        assertThat(parse("# TYPE x Counter\nx 1\n").get(0).type()).isEqualTo(MetricType.COUNTER);
    }

    @Test
    void invalidMetricNameIsAnError() {
        assertError("1abc 3\n", "text format parsing error in line 1: invalid metric name");
        assertError("a-b 3\n", "text format parsing error in line 1: expected float as value, got \"-b\"");
        assertError("# TYPE 1x counter\n", "text format parsing error in line 1: invalid metric name in comment");
    }

    @Test
    void invalidLabelNameIsAnError() {
        assertError("a{1x=\"y\"} 3\n", "text format parsing error in line 1: invalid label name for metric \"a\"");
        assertError("a{__name__=\"y\"} 3\n", "text format parsing error in line 1: label name \"__name__\" is reserved");
        assertError("a{x-y=\"1\"} 3\n", "text format parsing error in line 1: expected '=' after label name, found '-'");
    }

    @Test
    void duplicateLabelNameIsAnError() {
        assertError("a 1\na{b=\"1\",b=\"2\"} 3\n", "text format parsing error in line 2: duplicate label names for metric \"a\"");
    }

    @Test
    void unquotedLabelValueIsAnError() {
        assertError("a{b=1} 3\n", "text format parsing error in line 1: expected '\"' at start of label value, found '1'");
    }

    @Test
    void newlineInLabelValueIsAnError() {
        assertError("a{b=\"x\ny\"} 3\n", "text format parsing error in line 1: label value \"x\" contains unescaped new-line");
    }

    @Test
    void missingCommaBetweenLabelsIsAnError() {
        assertError("a{b=\"x\" c=\"y\"} 3\n", "text format parsing error in line 1: unexpected end of label value \"x\"");
    }

    @Test
    void invalidUtf8LabelValueIsAnError() {
        byte[] body = {'a', '{', 'b', '=', '"', (byte) 0xff, '"', '}', ' ', '1', '\n'};
        assertThatThrownBy(() -> new TextFormatParser().parse(body))
                .hasMessage("text format parsing error in line 1: invalid label value \"\\xff\"");
    }

    @Test
    void missingValueIsAnError() {
        assertError("a\n", "text format parsing error in line 1: expected float as value, got \"\"");
    }

    @Test
    void blanksAndEmptyLabelSetsAreTolerated() {
        Metric m = parse("  a { b = \"c\" , } \t 2\n").get(0).metrics().get(0);
        assertThat(m).isEqualTo(Metric.ofValue(Labels.of("b", "c"), 2));
        assertThat(parse("a{} 1\n").get(0).metrics().get(0).labels()).isEqualTo(Labels.EMPTY);
    }

    @Test
    void commentWithoutSpaceAfterHashIsStillTypeLine() {
        assertThat(parse("#TYPE x counter\nx 1\n").get(0).type()).isEqualTo(MetricType.COUNTER);
    }

    @Test
    void duplicateSeriesAreKeptForTheStoreToReport() {
        assertThat(parse("a 1\na 2\n").get(0).metrics()).hasSize(2);
    }

    @Test
    void histogramLinesBecomeOneSeriesWithSortedBuckets() {
        MetricFamily f = parse("# TYPE h histogram\n"
                + "h_bucket{x=\"1\",le=\"+Inf\"} 5\nh_bucket{x=\"1\",le=\"0.5\"} 2\nh_bucket{le=\"1\",x=\"1\"} 4\n"
                + "h_sum{x=\"1\"} 3.5\nh_count{x=\"1\"} 5\n").get(0);
        assertThat(f.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(f.metrics()).hasSize(1);
        Metric m = f.metrics().get(0);
        assertThat(m.labels()).isEqualTo(Labels.of("x", "1"));
        assertThat(m.bucketBounds()).containsExactly(0.5, 1, Double.POSITIVE_INFINITY);
        assertThat(m.bucketCounts()).containsExactly(2, 4, 5);
        assertThat(m.sum()).isEqualTo(3.5);
        assertThat(m.count()).isEqualTo(5);
    }

    @Test
    void histogramWithoutSumAndCountHasZeros() {
        Metric m = parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\n").get(0).metrics().get(0);
        assertThat(m.sum()).isZero();
        assertThat(m.count()).isZero();
    }

    @Test
    void badLeIsAnError() {
        assertError("# TYPE h histogram\nh_bucket{le=\"x\"} 2\n",
                "text format parsing error in line 2: expected float as value for 'le' label, got \"x\"");
    }

    @Test
    void summaryLinesBecomeOneSeriesWithQuantiles() {
        MetricFamily f = parse("# TYPE s summary\ns{quantile=\"0.9\"} 7\ns{quantile=\"0.5\"} 3\ns_sum 10\ns_count 4\n"
                + "s{quantile=\"0.5\",a=\"b\"} 1\n").get(0);
        assertThat(f.type()).isEqualTo(MetricType.SUMMARY);
        assertThat(f.metrics()).hasSize(2);
        Metric m = f.metrics().get(0);
        assertThat(m.labels()).isEqualTo(Labels.EMPTY);
        assertThat(m.quantiles()).containsExactly(0.5, 0.9);
        assertThat(m.quantileValues()).containsExactly(3, 7);
        assertThat(m.sum()).isEqualTo(10);
        assertThat(m.count()).isEqualTo(4);
        assertThat(f.metrics().get(1).labels()).isEqualTo(Labels.of("a", "b"));
    }

    @Test
    void leIsAnOrdinaryLabelOutsideHistograms() {
        assertThat(parse("a{le=\"1\"} 2\n").get(0).metrics().get(0).labels()).isEqualTo(Labels.of("le", "1"));
    }

    @Test
    void suffixedNamesWithoutHistogramTypeAreTheirOwnFamilies() {
        assertThat(parse("h_bucket{le=\"1\"} 2\nh_sum 3\n")).extracting(MetricFamily::name).containsExactly("h_bucket", "h_sum");
    }

    @Test
    void typeLineOfSuffixedNameAfterSummaryIsSecondType() {
        assertError("# TYPE s summary\n# TYPE s_count counter\n",
                "text format parsing error in line 2: second TYPE line for metric name \"s\", or TYPE reported after samples");
    }

    @Test
    void backslashInTypeLineIsSwallowedAsGoDoes() {
        assertThat(parse("# TYPE a co\\unter\na 1\n").get(0).type()).isEqualTo(MetricType.COUNTER);
        assertError("# TYPE a co\\nter\n", "text format parsing error in line 1: unknown metric type \"conter\"");
    }

    @Test
    void gaugeHistogramTypeIsReadAsHistogramOfGauges() {
        MetricFamily f = parse("# TYPE g gauge_histogram\ng_bucket{le=\"+Inf\"} 3\ng_sum 1\ng_count 3\n").get(0);
        assertThat(f.type()).isEqualTo(MetricType.GAUGE_HISTOGRAM);
        assertThat(f.metrics()).hasSize(1);
        assertThat(f.metrics().get(0).count()).isEqualTo(3);
    }

    @Test
    void histogramCountsAreTruncatedLikeGoUint64ButNegativesKept() {
        Metric m = parse("# TYPE h histogram\nh_bucket{le=\"1\"} -1\nh_bucket{le=\"+Inf\"} 2.9\nh_count 2.9\n").get(0).metrics().get(0);
        assertThat(m.bucketCounts()).containsExactly(-1, 2);
        assertThat(m.count()).isEqualTo(2);
    }
}
