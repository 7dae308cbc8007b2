package stackdriver.pushgateway.export;

/** How pushed metrics are named in Cloud Monitoring ({@code gateway.naming}). */
public enum NamingMode {
    /** As Managed Service for Prometheus names them: PromQL works on them unchanged. */
    PROMETHEUS,
    /** {@code custom.googleapis.com/<prefix>/<name>}, with descriptors carrying HELP and units. */
    CUSTOM
}
