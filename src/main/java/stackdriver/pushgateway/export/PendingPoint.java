package stackdriver.pushgateway.export;

import com.google.monitoring.v3.TimeSeries;
import java.time.Instant;

/**
 * One point to send, with the series it came from (for reporting what became of it). The TimeSeries is built
 * only when its request is: an interval never holds the messages of all its points at once.
 *
 * @param start ignored for gauges
 */
public record PendingPoint(ExportedSeries series, Instant start, Instant end) {

    public SeriesId id() {
        return series.id();
    }

    public TimeSeries timeSeries() {
        return series.toTimeSeries(start, end);
    }
}
