package stackdriver.pushgateway.pubsub;

/**
 * The Pub/Sub message format of a push, for the gateway's own buffering and for apps that publish metrics
 * straight to the topic. The body is the push body in any format the HTTP API accepts; the attributes say
 * what the URL and headers say over HTTP.
 */
public final class PushMessage {

    /** PUT, POST or DELETE (default POST: add or replace the families in the body). */
    public static final String METHOD = "method";
    /** The grouping key as in the push URL after {@code /metrics}, e.g. {@code /job/backup/instance/db1}. */
    public static final String GROUPING_KEY = "grouping_key";
    /** The body's Content-Type as over HTTP (default: text format 0.0.4). */
    public static final String CONTENT_TYPE = "content_type";
    /** {@code gzip} or {@code snappy} when the body is compressed, as the HTTP push's Content-Encoding. */
    public static final String CONTENT_ENCODING = "content_encoding";
    /**
     * When the push was accepted (RFC 3339, e.g. {@code 2024-05-01T12:00:00.123Z}), set by the ingest replica from
     * its clock; without it, Pub/Sub's publish time. The push's time in the store: {@code push_time_seconds}, and the
     * start of its counters.
     */
    public static final String ACCEPTED_AT = "accepted_at";
    /** On dead-lettered messages: why the message could not be applied. */
    public static final String ERROR = "error";

    /**
     * Pub/Sub's limit on a message (10 MB, data and attributes), which its API refuses with INVALID_ARGUMENT; a
     * publish request holds more than the message, hence a little room below it.
     */
    public static final int MAX_BYTES = 10_000_000 - 4_096;

    private PushMessage() {
    }
}
