package stackdriver.pushgateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What a java.util.logging logger (and the loggers below it) logs at or above a level, from start() to stop(). */
public final class CollectedLog extends Handler {
    private final Logger logger;
    private final Level least;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    /** @param loggerName "" for every logger */
    public CollectedLog(String loggerName, Level least) {
        this.logger = Logger.getLogger(loggerName);
        this.least = least;
    }

    public void start() {
        logger.addHandler(this);
    }

    public void stop() {
        logger.removeHandler(this);
    }

    /** The records so far, oldest first; a live view that clear() empties. */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= least.intValue()) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        stop();
    }
}
