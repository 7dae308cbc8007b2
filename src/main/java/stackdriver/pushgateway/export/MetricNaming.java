package stackdriver.pushgateway.export;

/** The metric type a family's series are written under, per naming mode. */
public interface MetricNaming {

    /** The metric type, or null when this mode writes no series for the role. */
    String metricType(String family, SeriesRole role);

    /** Most metric labels a series may carry under this naming. */
    int labelLimit();

    /**
     * Why a family of this name cannot be written, or null when it can. A UTF-8 name is written as it is where
     * a metric type can hold it: ASCII letters, digits, {@code _}, {@code .} (OpenTelemetry's dotted names, as
     * Google's exporter writes them) and, for Prometheus names, {@code :} (GMP's recording rules). Anything else
     * would change the name, or the {@code <name>/<kind>} structure PromQL finds it by, so it is not guessed at.
     */
    default String unsupportedName(String family) {
        for (int i = 0; i < family.length(); i++) {
            char c = family.charAt(i);
            boolean taken = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '.' || c == ':';
            if (!taken) {
                return "the metric name " + quote(family) + " has " + quote(new String(Character.toChars(family.codePointAt(i))))
                        + ", which a Cloud Monitoring metric type cannot hold (ASCII letters, digits, '_', '.' and ':' only)";
            }
        }
        return null;
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static MetricNaming of(ExportSettings settings) {
        return settings.naming() == NamingMode.PROMETHEUS ? new PrometheusNaming() : new CustomNaming(settings.customPrefix());
    }

    /** Managed Service for Prometheus's names, so that PromQL finds the metric by its Prometheus name. */
    final class PrometheusNaming implements MetricNaming {
        private static final String DOMAIN = "prometheus.googleapis.com/";

        @Override
        public String metricType(String family, SeriesRole role) {
            return DOMAIN + switch (role) {
                case COUNTER -> family + "/counter";
                case GAUGE -> family + "/gauge";
                case UNKNOWN -> family + "/unknown";
                case UNKNOWN_COUNTER -> family + "/unknown:counter";
                case HISTOGRAM, GAUGE_HISTOGRAM -> family + "/histogram";
                case SUMMARY_QUANTILE -> family + "/summary";
                case SUMMARY_SUM -> family + "_sum/summary:counter";
                case SUMMARY_COUNT -> family + "_count/summary";
            };
        }

        @Override
        public int labelLimit() {
            return 100;
        }
    }

    /** {@code custom.googleapis.com/<prefix>/<name>}: one type per name, so an untyped series is only a gauge. */
    final class CustomNaming implements MetricNaming {
        private final String base;

        CustomNaming(String prefix) {
            String trimmed = prefix.replaceAll("^/+|/+$", "");
            this.base = "custom.googleapis.com/" + (trimmed.isEmpty() ? "" : trimmed + "/");
        }

        @Override
        public String metricType(String family, SeriesRole role) {
            String name = family.replace(':', '_');
            return switch (role) {
                case UNKNOWN_COUNTER -> null;
                case SUMMARY_SUM -> base + name + "_sum";
                case SUMMARY_COUNT -> base + name + "_count";
                default -> base + name;
            };
        }

        @Override
        public int labelLimit() {
            return 30;
        }
    }
}
