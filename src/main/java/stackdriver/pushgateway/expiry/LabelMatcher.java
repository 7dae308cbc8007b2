package stackdriver.pushgateway.expiry;

import java.util.regex.Pattern;
import stackdriver.pushgateway.model.Labels;

/**
 * One PromQL label matcher on a grouping key: {@code name="value"}, {@code !=}, {@code =~} or {@code !~}. As in
 * PromQL, an absent label reads as the empty value and a regular expression must match the whole value.
 *
 * @param pattern the compiled value for {@code =~} and {@code !~}, else null
 */
record LabelMatcher(String name, Operator operator, String value, Pattern pattern) {

    enum Operator {
        EQUAL("="), NOT_EQUAL("!="), MATCHES("=~"), NOT_MATCHES("!~");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    boolean matches(Labels labels) {
        String actual = labels.get(name);
        if (actual == null) {
            actual = "";
        }
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case MATCHES -> pattern.matcher(actual).matches();
            case NOT_MATCHES -> !pattern.matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return name + operator.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
