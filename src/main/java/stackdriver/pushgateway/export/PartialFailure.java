package stackdriver.pushgateway.export;

import com.google.monitoring.v3.CreateTimeSeriesSummary;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a CreateTimeSeries request that stored only some of its series says about the others. Cloud Monitoring
 * answers INVALID_ARGUMENT "One or more TimeSeries could not be written: {reason}: timeSeries[0,2-4]; {reason}:
 * timeSeries[7]" with a {@link CreateTimeSeriesSummary} in the status details: the summary gives the counts,
 * the message which series failed and why.
 *
 * @param reasons the reason for each failed series, by its index in the request
 * @param summary the summary from the status details, or null when there was none
 */
public record PartialFailure(Map<Integer, String> reasons, CreateTimeSeriesSummary summary) {
    static final String PREFIX = "One or more TimeSeries could not be written: ";
    private static final Pattern INDEXES = Pattern.compile(": timeSeries\\[([0-9,\\-]+)\\]");

    /** The partial failure a failed call reports, or null when it is not one. */
    public static PartialFailure of(Throwable failure) {
        Status status = StatusProto.fromThrowable(failure);
        if (status == null || !status.getMessage().startsWith(PREFIX)) {
            return null;
        }
        CreateTimeSeriesSummary summary = null;
        for (Any detail : status.getDetailsList()) {
            if (detail.is(CreateTimeSeriesSummary.class)) {
                try {
                    summary = detail.unpack(CreateTimeSeriesSummary.class);
                } catch (InvalidProtocolBufferException e) {
                    summary = null;
                }
            }
        }
        return new PartialFailure(parse(status.getMessage()), summary);
    }

    static Map<Integer, String> parse(String message) {
        Map<Integer, String> reasons = new LinkedHashMap<>();
        String text = message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message;
        Matcher matcher = INDEXES.matcher(text);
        int reasonStart = 0;
        while (matcher.find()) {
            String reason = text.substring(reasonStart, matcher.start()).trim();
            for (String range : matcher.group(1).split(",")) {
                int dash = range.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                for (int i = first; i <= last; i++) {
                    reasons.put(i, reason);
                }
            }
            reasonStart = matcher.end();
            if (text.startsWith("; ", reasonStart)) {
                reasonStart += 2;
            }
        }
        return reasons;
    }

    /** A short name for the reason, for the gateway's own metrics. */
    public static String cause(String reason) {
        if (reason.contains("more frequently than the maximum sampling period")) {
            return "sampling_period";
        }
        if (reason.contains("must be written in order")) {
            return "out_of_order";
        }
        if (reason.contains("in the past") || reason.contains("in the future")) {
            return "out_of_time_window";
        }
        if (reason.contains("Metric kind") || reason.contains("Value type")) {
            return "kind_mismatch";
        }
        if (reason.contains("resource")) {
            return "invalid_resource";
        }
        if (reason.contains("label")) {
            return "invalid_labels";
        }
        if (reason.contains("distribution") || reason.contains("bucket")) {
            return "invalid_distribution";
        }
        return "invalid_argument";
    }

    /** Whether the series may be written next interval as it is: only conflicts with points already stored are. */
    public static boolean transientCause(String cause) {
        return cause.equals("sampling_period") || cause.equals("out_of_order") || cause.equals("out_of_time_window");
    }
}
