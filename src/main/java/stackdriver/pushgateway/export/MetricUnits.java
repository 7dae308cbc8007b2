package stackdriver.pushgateway.export;

import java.util.Map;

/** The UCUM unit Cloud Monitoring shows for a Prometheus metric: its OpenMetrics UNIT, else its name's unit suffix. */
final class MetricUnits {
    private static final Map<String, String> UCUM = Map.ofEntries(
            Map.entry("seconds", "s"), Map.entry("milliseconds", "ms"), Map.entry("microseconds", "us"),
            Map.entry("nanoseconds", "ns"), Map.entry("minutes", "min"), Map.entry("hours", "h"),
            Map.entry("days", "d"), Map.entry("bytes", "By"), Map.entry("kilobytes", "kBy"),
            Map.entry("megabytes", "MBy"), Map.entry("gigabytes", "GBy"), Map.entry("bits", "bit"),
            Map.entry("ratio", "1"), Map.entry("percent", "%"), Map.entry("celsius", "Cel"),
            Map.entry("meters", "m"), Map.entry("volts", "V"), Map.entry("amperes", "A"),
            Map.entry("joules", "J"), Map.entry("grams", "g"), Map.entry("hertz", "Hz"));

    private MetricUnits() {
    }

    /** The unit, or "" when none is known. */
    static String of(String openMetricsUnit, String family) {
        if (!openMetricsUnit.isEmpty()) {
            return UCUM.getOrDefault(openMetricsUnit, openMetricsUnit);
        }
        String name = family.endsWith("_total") ? family.substring(0, family.length() - "_total".length()) : family;
        int underscore = name.lastIndexOf('_');
        return underscore < 0 ? "" : UCUM.getOrDefault(name.substring(underscore + 1), "");
    }
}
