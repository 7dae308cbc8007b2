package stackdriver.pushgateway.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import stackdriver.pushgateway.store.Group;
import stackdriver.pushgateway.store.GroupingKey;
import stackdriver.pushgateway.store.StoredFamily;

/**
 * The Cloud Monitoring series of every stored group, kept from one interval to the next. Stored families and
 * groups are immutable and replaced by every push, so one that is still the same object is not mapped again,
 * and the checks across all series (one writer per Cloud Monitoring series) are made only for what changed:
 * an interval costs in proportion to what was pushed since the last one, not to what is stored.
 */
final class MappedSeries {

    /** What an interval writes: every series once, what cannot be written, and the series no longer stored. */
    record Interval(List<ExportedSeries> series, List<SeriesRejection> rejected, List<SeriesId> gone) {
    }

    /** The series of one stored family, or of one group's push times. */
    private static final class Source {
        final GroupingKey group;
        final List<ExportedSeries> mapped;
        /** Refused by the mapper, and, once claimed, the series another source already writes. */
        final List<SeriesRejection> rejected;
        /** The mapped series not already written by another source. */
        List<ExportedSeries> written = List.of();

        Source(GroupingKey group, List<ExportedSeries> mapped, List<SeriesRejection> rejected) {
            this.group = group;
            this.mapped = mapped;
            this.rejected = rejected;
        }
    }

    private final TimeSeriesMapper mapper;
    /** By stored family, and by group for its push-time series. */
    private Map<Object, Source> last = new IdentityHashMap<>();
    private final Map<SeriesId, Source> writers = new HashMap<>();

    MappedSeries(TimeSeriesMapper mapper) {
        this.mapper = mapper;
    }

    Interval map(List<Group> groups) {
        Map<Object, Source> current = new IdentityHashMap<>(last.size() + 16);
        List<Source> inOrder = new ArrayList<>(last.size() + 16);
        List<Source> added = new ArrayList<>();
        for (Group group : groups) {
            for (StoredFamily stored : group.families().values()) {
                keep(current, inOrder, added, group.key(), stored,
                        (series, refused) -> mapper.mapFamily(group, stored, series, refused));
            }
            keep(current, inOrder, added, group.key(), group, (series, refused) -> mapper.mapPushTimes(group, series, refused));
        }
        List<SeriesId> released = new ArrayList<>();
        last.forEach((source, mapped) -> {
            if (!current.containsKey(source)) {
                release(mapped, released);
            }
        });
        // of two groups that map to one Cloud Monitoring series, the first in label order writes it, whatever order
        // the store lists them in
        added.sort(Comparator.comparing(source -> source.group));
        added.forEach(this::claim);
        last = current;

        List<ExportedSeries> series = new ArrayList<>(writers.size());
        List<SeriesRejection> rejected = new ArrayList<>();
        for (Source source : inOrder) {
            series.addAll(source.written);
            rejected.addAll(source.rejected);
        }
        List<SeriesId> gone = new ArrayList<>();
        for (SeriesId id : released) {
            if (!writers.containsKey(id)) {
                gone.add(id);
            }
        }
        return new Interval(series, rejected, gone);
    }

    private interface Mapping {
        void map(List<ExportedSeries> series, List<SeriesRejection> rejected);
    }

    private void keep(Map<Object, Source> current, List<Source> inOrder, List<Source> added, GroupingKey group, Object key,
            Mapping mapping) {
        Source source = last.get(key);
        if (source == null) {
            List<ExportedSeries> series = new ArrayList<>();
            List<SeriesRejection> rejected = new ArrayList<>(0);
            mapping.map(series, rejected);
            source = new Source(group, series, rejected);
            added.add(source);
        }
        current.put(key, source);
        inOrder.add(source);
    }

    private void release(Source source, List<SeriesId> released) {
        for (ExportedSeries series : source.written) {
            writers.remove(series.id(), source);
            released.add(series.id());
        }
    }

    /** The series already written by another source stay with it; this source reports them as duplicates. */
    private void claim(Source source) {
        List<ExportedSeries> written = new ArrayList<>(source.mapped.size());
        for (ExportedSeries series : source.mapped) {
            Source writer = writers.putIfAbsent(series.id(), source);
            if (writer == null) {
                written.add(series);
            } else {
                source.rejected.add(new SeriesRejection(series.group(), series.family(), series.family() + " as " + series.id(),
                        "duplicate_series", "another series is written as the same Cloud Monitoring series (their"
                        + " labels differ only in characters Cloud Monitoring does not accept, or in which of them"
                        + " are grouping labels)"));
            }
        }
        source.written = written;
    }
}
