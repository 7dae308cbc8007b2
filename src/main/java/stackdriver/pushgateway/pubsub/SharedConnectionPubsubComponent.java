package stackdriver.pushgateway.pubsub;

import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.protobuf.Empty;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.google.pubsub.GooglePubsubComponent;
import org.apache.camel.component.google.pubsub.GooglePubsubEndpoint;

/**
 * Camel's google-pubsub component, except that the synchronous pulls and acknowledgements of an endpoint share one
 * connection. Camel builds a subscriber stub for every pull and every acknowledgement and closes it after the call:
 * against Pub/Sub that is a new TLS connection for each message a writer acknowledges, and on the emulator a
 * channel the stub does not own, never shut down (a writer's log filled with gRPC's "garbage collected without being
 * shut down"). Here the stub Camel gets forwards those calls to one long-lived stub, which this component closes when
 * it stops.
 */
public class SharedConnectionPubsubComponent extends GooglePubsubComponent {

    private final Map<GooglePubsubEndpoint, SubscriberStub> stubs = new ConcurrentHashMap<>();

    @Override
    public SubscriberStub getSubscriberStub(GooglePubsubEndpoint endpoint) {
        return new Shared(stubs.computeIfAbsent(endpoint, this::createStub));
    }

    private SubscriberStub createStub(GooglePubsubEndpoint endpoint) {
        try {
            return super.getSubscriberStub(endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to Pub/Sub to pull: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        stubs.values().forEach(SubscriberStub::close);
        stubs.clear();
    }

    /** The calls Camel's synchronous consumer makes, forwarded; closing it leaves the shared stub open. */
    private static final class Shared extends SubscriberStub {
        private final SubscriberStub stub;

        Shared(SubscriberStub stub) {
            this.stub = stub;
        }

        @Override
        public UnaryCallable<PullRequest, PullResponse> pullCallable() {
            return stub.pullCallable();
        }

        @Override
        public UnaryCallable<AcknowledgeRequest, Empty> acknowledgeCallable() {
            return stub.acknowledgeCallable();
        }

        @Override
        public UnaryCallable<ModifyAckDeadlineRequest, Empty> modifyAckDeadlineCallable() {
            return stub.modifyAckDeadlineCallable();
        }

        @Override
        public void close() {
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void shutdownNow() {
        }

        @Override
        public boolean isShutdown() {
            return stub.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return stub.isTerminated();
        }

        @Override
        public boolean awaitTermination(long duration, TimeUnit unit) throws InterruptedException {
            return stub.awaitTermination(duration, unit);
        }
    }
}
