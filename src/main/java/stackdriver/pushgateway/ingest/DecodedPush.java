package stackdriver.pushgateway.ingest;

import stackdriver.pushgateway.store.PushRequest;

/**
 * A push as {@link PushDecoder} read it: the request to apply, and the plain (un-gzipped) body it was parsed from
 * with its content type, for steps that forward the push as it came (Pub/Sub buffering).
 */
public record DecodedPush(PushRequest request, byte[] body, String contentType) {

    /** The exchange property a transport keeps it in while the exchange's body is the {@link PushRequest}. */
    public static final String PROPERTY = "gatewayDecodedPush";
}
