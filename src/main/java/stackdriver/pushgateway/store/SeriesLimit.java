package stackdriver.pushgateway.store;

import stackdriver.pushgateway.config.GatewaySettings;

/**
 * {@code gateway.limits.series-total}: a number, or {@code auto} for the heap the JVM was given
 * ({@link Runtime#maxMemory()}) divided by {@link #HEAP_BYTES_PER_SERIES}.
 */
public final class SeriesLimit {

    /**
     * Heap a stored series takes with its export running: its stored form, its export history and the embedded
     * emulator's points came to 1,560 bytes (300,000 series of 3 labels in 300 groups, heap after a full
     * collection, export every 5 s), and the rest is room for an export's requests in flight and a large push
     * being parsed.
     */
    public static final long HEAP_BYTES_PER_SERIES = 2_500;

    private SeriesLimit() {
    }

    public static long from(GatewaySettings settings) {
        String value = settings.get("gateway.limits.series-total", "auto").trim();
        return value.equals("auto") ? ofHeap(Runtime.getRuntime().maxMemory()) : settings.getPositiveLong("gateway.limits.series-total");
    }

    static long ofHeap(long maxHeapBytes) {
        return Math.max(1, maxHeapBytes / HEAP_BYTES_PER_SERIES);
    }
}
