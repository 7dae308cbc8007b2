package stackdriver.pushgateway.emulator;

import io.grpc.Status;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The projects, each independent of the others, created on first use as any project ID is accepted. */
final class Projects {
    private static final Pattern PROJECT = Pattern.compile("projects/([^/]+)");
    private static final Pattern DESCRIPTOR = Pattern.compile("projects/([^/]+)/(metricDescriptors|monitoredResourceDescriptors)/(.+)");

    private final ConcurrentMap<String, ProjectStore> byId = new ConcurrentHashMap<>();
    private final MonitoredResourceCatalogue resources;
    private final int maxPointsPerSeries;

    Projects(MonitoredResourceCatalogue resources, int maxPointsPerSeries) {
        this.resources = resources;
        this.maxPointsPerSeries = maxPointsPerSeries;
    }

    /** The project a {@code projects/P} name designates. */
    ProjectStore byName(String name) {
        Matcher m = PROJECT.matcher(name);
        if (!m.matches()) {
            throw Status.INVALID_ARGUMENT.withDescription("Field name had an invalid value of \"" + name
                    + "\": expected projects/[PROJECT_ID_OR_NUMBER].").asRuntimeException();
        }
        return byId.computeIfAbsent(m.group(1), id -> new ProjectStore(id, resources, maxPointsPerSeries));
    }

    /** {@code projects/P/metricDescriptors/TYPE} → the project and TYPE. */
    Named byDescriptorName(String name) {
        Matcher m = DESCRIPTOR.matcher(name);
        if (!m.matches()) {
            throw Status.INVALID_ARGUMENT.withDescription("Field name had an invalid value of \"" + name
                    + "\": expected projects/[PROJECT_ID_OR_NUMBER]/metricDescriptors/[METRIC_ID].").asRuntimeException();
        }
        return new Named(byName("projects/" + m.group(1)), m.group(3));
    }

    void clear() {
        byId.clear();
    }

    record Named(ProjectStore project, String id) {
    }
}
