package stackdriver.pushgateway.persistence;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The admin wipe followed by its journal write, so that a wipe that was answered 202 stays done. */
public final class JournaledWipe implements Processor {

    private final Processor wipe;
    private final PushJournal journal;

    public JournaledWipe(Processor wipe, PushJournal journal) {
        this.wipe = wipe;
        this.journal = journal;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        wipe.process(exchange);
        journal.recordWipe();
    }
}
