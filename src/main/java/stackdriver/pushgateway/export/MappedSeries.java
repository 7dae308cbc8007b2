package stackdriver.pushgateway.export;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.StoredFamily;

/**
 * The mapper's output kept from one interval to the next. Stored families and groups are immutable and
 * replaced by every push, so one that is still the same object is not mapped again: an interval maps only
 * what was pushed since the last one.
 */
final class MappedSeries {
    private record Mapped(List<ExportedSeries> series, List<SeriesRejection> rejected) {
    }

    private final TimeSeriesMapper mapper;
    /** By stored family, and by group for its push-time series. */
    private Map<Object, Mapped> last = new IdentityHashMap<>();

    MappedSeries(TimeSeriesMapper mapper) {
        this.mapper = mapper;
    }

    /** Adds the series of every group to {@code out}, and those that cannot be written to {@code rejected}. */
    void map(List<Group> groups, List<ExportedSeries> out, List<SeriesRejection> rejected) {
        Map<Object, Mapped> current = new IdentityHashMap<>(last.size());
        for (Group group : groups) {
            for (StoredFamily stored : group.families().values()) {
                add(current, stored, out, rejected, (series, refused) -> mapper.mapFamily(group, stored, series, refused));
            }
            add(current, group, out, rejected, (series, refused) -> mapper.mapPushTimes(group, series, refused));
        }
        last = current;
    }

    private interface Mapping {
        void map(List<ExportedSeries> series, List<SeriesRejection> rejected);
    }

    private void add(Map<Object, Mapped> current, Object source, List<ExportedSeries> out,
            List<SeriesRejection> rejected, Mapping mapping) {
        Mapped mapped = last.get(source);
        if (mapped == null) {
            List<ExportedSeries> series = new ArrayList<>();
            List<SeriesRejection> refused = new ArrayList<>(0);
            mapping.map(series, refused);
            mapped = new Mapped(List.copyOf(series), refused.isEmpty() ? List.of() : List.copyOf(refused));
        }
        current.put(source, mapped);
        out.addAll(mapped.series());
        rejected.addAll(mapped.rejected());
    }
}
