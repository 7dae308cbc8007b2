package stackdriver.pushgateway.persistence;

import java.nio.file.Path;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.MetricStore;
import stackdriver.pushgateway.store.PushRequest;

/**
 * Run in its own JVM by {@link JournalKillTest}: pushes to the journal in {@code args[0]} from
 * {@code args[1]} threads without end, each thread to its own group with a rising value, and prints
 * {@code ack <job> <value>} once a push is journaled, as the gateway would answer 200 then.
 */
public final class JournalPusher {

    private JournalPusher() {
    }

    public static void main(String[] args) throws Exception {
        MetricStore store = new MetricStore();
        PushJournal journal = PushJournal.open(Path.of(args[0]), store);
        journal.restore();
        for (int t = 0; t < Integer.parseInt(args[1]); t++) {
            String job = "pusher" + t;
            Thread thread = new Thread(() -> {
                for (long value = 1; ; value++) {
                    PushRequest push = Groups.gauge(value % 3 == 0 ? PushRequest.Method.POST : PushRequest.Method.PUT,
                            GroupingKey.of("job", job), "seq", value);
                    try {
                        store.apply(push);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    journal.record(push);
                    synchronized (System.out) {
                        System.out.println("ack " + job + " " + value);
                        System.out.flush();
                    }
                }
            });
            thread.start();
        }
        Thread.currentThread().join();
    }
}
