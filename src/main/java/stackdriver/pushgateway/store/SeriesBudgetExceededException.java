package stackdriver.pushgateway.store;

/** A push that would take the store past {@code gateway.limits.series-total}; it changed nothing. */
public class SeriesBudgetExceededException extends RuntimeException {
    public SeriesBudgetExceededException(String reason) {
        super(reason, null, false, false);
    }
}
