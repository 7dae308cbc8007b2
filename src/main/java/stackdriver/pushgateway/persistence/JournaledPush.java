package stackdriver.pushgateway.persistence;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import stackdriver.pushgateway.store.PushRequest;

/**
 * The push applier followed by the journal write: the route answers only when this returns, so a 2xx is
 * sent only once the push is synced to disk. A rejected push (400) is journaled too, for its failure time.
 */
public final class JournaledPush implements Processor {

    private final Processor applier;
    private final PushJournal journal;

    public JournaledPush(Processor applier, PushJournal journal) {
        this.applier = applier;
        this.journal = journal;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PushRequest request = exchange.getMessage().getBody(PushRequest.class);
        try {
            applier.process(exchange);
        } catch (Exception rejected) {
            if (request != null) {
                try {
                    journal.record(request);
                } catch (RuntimeException e) {
                    rejected.addSuppressed(e);
                }
            }
            throw rejected;
        }
        journal.record(request);
    }
}
