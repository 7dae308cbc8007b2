package stackdriver.pushgateway.ha;

import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import stackdriver.pushgateway.http.Answer;
import stackdriver.pushgateway.http.WrittenWhileRead;
import stackdriver.pushgateway.persistence.Persistence;

/**
 * {@code GET /api/v1/snapshot}: every group and saved state in the snapshot file's layout, which a new writer replica
 * starts from ({@link PeerSeed}), written as it is sent; 404 on a replica that holds no groups (an ingest replica).
 */
public final class SnapshotAnswer implements Processor {

    private final Persistence persistence;
    private final boolean holdsGroups;

    public SnapshotAnswer(Persistence persistence, boolean holdsGroups) {
        this.persistence = persistence;
        this.holdsGroups = holdsGroups;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        if (!holdsGroups) {
            Answer.text(exchange.getMessage(), 404, "this replica holds no groups (gateway.role=ingest)\n");
            return;
        }
        Answer.body(exchange.getMessage(), 200, "application/octet-stream",
                WrittenWhileRead.of("snapshot-answer", persistence::writeSnapshot));
    }
}
