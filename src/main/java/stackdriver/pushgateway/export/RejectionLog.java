package stackdriver.pushgateway.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each series that cannot be written once, with the reason, rather than every interval: again only
 * after it was written or gone for an interval. Many at once (a request that failed) are summed up by cause.
 * Credentials that give no token are logged by {@link CredentialsFailure}, once for all series.
 */
final class RejectionLog {
    static final int MAX_LINES = 20;
    private static final Logger LOG = LoggerFactory.getLogger("stackdriver.pushgateway.export");

    private Set<SeriesRejection> reported = new HashSet<>();

    void report(List<SeriesRejection> rejections) {
        Set<SeriesRejection> now = new HashSet<>(rejections);
        List<SeriesRejection> fresh = new ArrayList<>();
        for (SeriesRejection rejection : now) {
            if (!reported.contains(rejection) && !rejection.cause().equals(CredentialsFailure.CAUSE)) {
                fresh.add(rejection);
            }
        }
        reported = now;
        if (fresh.size() <= MAX_LINES) {
            fresh.forEach(rejection -> LOG.warn("Not written to Cloud Monitoring ({}): {}", rejection.cause(), rejection));
            return;
        }
        Map<String, List<SeriesRejection>> byCause = new TreeMap<>();
        fresh.forEach(rejection -> byCause.computeIfAbsent(rejection.cause(), c -> new ArrayList<>()).add(rejection));
        byCause.forEach((cause, list) -> LOG.warn("{} series not written to Cloud Monitoring ({}), e.g. {}",
                list.size(), cause, list.get(0)));
    }
}
