package stackdriver.pushgateway.persistence;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Decodes entries on every core while one thread reads them: restoring 1,000,000 series is mostly decoding.
 * The decoded entries come back in the order they were read. At most {@link #IN_FLIGHT} read entries wait to be
 * decoded, so that reading ahead adds little to the heap a restore needs.
 */
final class ParallelDecoding<T> implements AutoCloseable {

    static final int IN_FLIGHT = 64;

    private final ExecutorService threads;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final List<Future<T>> decoded = new ArrayList<>();

    ParallelDecoding() {
        this(Runtime.getRuntime().availableProcessors());
    }

    ParallelDecoding(int threadCount) {
        threads = Executors.newFixedThreadPool(threadCount, runnable -> {
            Thread thread = new Thread(runnable, "restore-decode");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Decodes an entry on one of the threads; waits while {@link #IN_FLIGHT} entries are not yet decoded. */
    void submit(Callable<T> decode) throws InterruptedIOException {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while restoring");
        }
        decoded.add(threads.submit(() -> {
            try {
                return decode.call();
            } finally {
                inFlight.release();
            }
        }));
    }

    int size() {
        return decoded.size();
    }

    /** The i-th submitted entry, decoded; throws what its decoding threw. */
    T get(int i) throws IOException {
        try {
            return decoded.get(i).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while restoring");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Stops the threads; entries not yet decoded (after a failure) are dropped. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
