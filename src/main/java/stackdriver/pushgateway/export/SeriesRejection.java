package stackdriver.pushgateway.export;

import stackdriver.pushgateway.store.GroupingKey;

/**
 * A series that was not written, and why.
 *
 * @param family the stored family the series is of
 * @param cause  a short token for the gateway's own metrics, e.g. {@code too_many_labels}
 */
public record SeriesRejection(GroupingKey group, String family, String series, String cause, String reason) {

    @Override
    public String toString() {
        return series + " of group " + group + ": " + reason;
    }
}
