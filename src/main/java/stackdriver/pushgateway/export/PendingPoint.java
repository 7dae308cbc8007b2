package stackdriver.pushgateway.export;

import com.google.monitoring.v3.TimeSeries;

/** One point ready to send, with the series it came from (for reporting what became of it). */
public record PendingPoint(ExportedSeries series, TimeSeries timeSeries) {

    public SeriesId id() {
        return series.id();
    }
}
