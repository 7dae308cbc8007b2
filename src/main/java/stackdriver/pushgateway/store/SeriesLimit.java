package stackdriver.pushgateway.store;

import stackdriver.pushgateway.config.GatewaySettings;

/**
 * {@code gateway.limits.series-per-job}, and {@code gateway.limits.series-total}: a number, or {@code auto} for the heap the JVM was given
 * ({@link Runtime#maxMemory()}) divided by what a stored series costs there: {@link #HEAP_BYTES_PER_SERIES}, or
 * {@link #HEAP_BYTES_PER_SERIES_WITH_EMULATOR} when the embedded emulator keeps the points in the same heap.
 */
public final class SeriesLimit {

    /**
     * Heap a stored series takes with its export running to a MetricService elsewhere: 1,000,000 series held in a
     * 2 GB heap with the export running (bench/run's memory figure: about 330 bytes of RSS a series), with room
     * for the export's requests in flight and a large push being parsed.
     */
    public static final long HEAP_BYTES_PER_SERIES = 800;

    /**
     * The same with the embedded emulator in the heap: its stored form, its export history and the emulator's points
     * came to 1,560 bytes (300,000 series of 3 labels in 300 groups, heap after a full collection, export every 5 s);
     * 1,430 with 1,000,000 series exported twice (two points each), and about 1,950 once each series holds the
     * emulator's default 10 points of about 64 bytes (README, "Memory with the embedded emulator").
     */
    public static final long HEAP_BYTES_PER_SERIES_WITH_EMULATOR = 2_500;

    private SeriesLimit() {
    }

    /** @param embeddedEmulator the export writes to the emulator in this process */
    public static long from(GatewaySettings settings, boolean embeddedEmulator) {
        String value = settings.get("gateway.limits.series-total", "auto").trim();
        return value.equals("auto") ? ofHeap(Runtime.getRuntime().maxMemory(), embeddedEmulator)
                : settings.getPositiveLong("gateway.limits.series-total");
    }

    /** {@code gateway.limits.series-per-job}: most series of one job, 0 for no such bound. */
    public static long perJob(GatewaySettings settings) {
        return settings.get("gateway.limits.series-per-job", "0").trim().equals("0") ? SeriesBudget.NO_JOB_LIMIT
                : settings.getPositiveLong("gateway.limits.series-per-job");
    }

    static long ofHeap(long maxHeapBytes, boolean embeddedEmulator) {
        return Math.max(1, maxHeapBytes / (embeddedEmulator ? HEAP_BYTES_PER_SERIES_WITH_EMULATOR : HEAP_BYTES_PER_SERIES));
    }
}
