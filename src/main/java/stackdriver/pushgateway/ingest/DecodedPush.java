package stackdriver.pushgateway.ingest;

import stackdriver.pushgateway.store.PushRequest;

/**
 * A push as {@link PushDecoder} read it: the request to apply, and the body as it came (still gzipped or snappy
 * when it came so) with its content type and encoding, for steps that forward the push as it came (Pub/Sub
 * buffering, where a compressed body is what fits in a message).
 */
public record DecodedPush(PushRequest request, byte[] body, String contentType, String contentEncoding) {

    /** The exchange property a transport keeps it in while the exchange's body is the {@link PushRequest}. */
    public static final String PROPERTY = "gatewayDecodedPush";
}
