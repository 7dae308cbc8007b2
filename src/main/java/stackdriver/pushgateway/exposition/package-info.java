/**
 * Exposition formats in and out.
 *
 * <p>In: {@link stackdriver.pushgateway.exposition.PushBodyParser} picks the format from the Content-Type as the
 * reference Pushgateway 1.5.1 does and hands the body to {@link stackdriver.pushgateway.exposition.TextFormatParser}
 * (text 0.0.4, byte for byte Go's expfmt.TextParser, messages included),
 * {@link stackdriver.pushgateway.exposition.OpenMetricsParser} or
 * {@link stackdriver.pushgateway.exposition.ProtobufDelimitedParser}. The two text grammars read their names,
 * label values, numbers and line ends through one {@code ExpositionLexer}. Every bad body is an
 * {@link stackdriver.pushgateway.exposition.ExpositionParseException} whose message is the one-line 400 answer.
 * Parsers do not validate what the store validates (timestamps, duplicate series, type clashes between groups).
 *
 * <p>Out: {@link stackdriver.pushgateway.exposition.ExpositionFormat#negotiate(String)} reads an Accept header;
 * each format has its Content-Type and a writer ({@link stackdriver.pushgateway.exposition.TextFormatWriter},
 * {@link stackdriver.pushgateway.exposition.OpenMetricsWriter},
 * {@link stackdriver.pushgateway.exposition.ProtobufDelimitedWriter}), which write families and series in the
 * order given.
 */
package stackdriver.pushgateway.exposition;
