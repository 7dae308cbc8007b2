package stackdriver.pushgateway.expiry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import stackdriver.pushgateway.config.DurationText;

/**
 * Reads TTL rules written as PromQL selectors followed by a TTL, one per line or separated by {@code ;}:
 * <pre>
 * {job=~"ci-.*"} 1h
 * {job="nightly-backup", instance!=""} 36h   # the braces may be left out
 * {job="heartbeat"} never
 * </pre>
 * Values are quoted with {@code "}, {@code '} (backslash escapes) or {@code `} (as written); a {@code #} where a
 * rule would start, or after its TTL, begins a comment. Errors name the rule and, in text of several lines, its line.
 */
final class TtlRuleParser {

    private static final String OPERATOR_CHARS = "=!~<>:";

    private final String text;
    private int pos;
    private int line = 1;

    private TtlRuleParser(String text) {
        this.text = text;
    }

    static List<TtlRule> parse(String text) {
        return new TtlRuleParser(text).rules();
    }

    private List<TtlRule> rules() {
        List<TtlRule> rules = new ArrayList<>();
        boolean severalLines = text.indexOf('\n') >= 0;
        while (true) {
            skipSeparatorsAndComments();
            if (atEnd()) {
                return rules;
            }
            int ruleLine = line;
            try {
                TtlRule rule = rule();
                skipSpaces();
                if (!atEnd() && !isSeparator(peek()) && peek() != '#') {
                    throw new IllegalArgumentException("unexpected " + rest() + " after the TTL (rules are"
                            + " separated by ; or a new line)");
                }
                rules.add(rule);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + (rules.size() + 1)
                        + (severalLines ? " (line " + ruleLine + ")" : "") + ": " + e.getMessage(), e);
            }
        }
    }

    private TtlRule rule() {
        boolean braces = consume('{');
        List<LabelMatcher> matchers = new ArrayList<>();
        skipSpaces();
        if (braces && peek() == '}') {
            throw new IllegalArgumentException("a rule needs at least one matcher, e.g. {job=\"x\"} 1h");
        }
        do {
            skipSpaces();
            if (braces && peek() == '}') {
                break; // a trailing comma, as PromQL allows
            }
            matchers.add(matcher());
            skipSpaces();
        } while (consume(','));
        if (braces && !consume('}')) {
            throw new IllegalArgumentException("expected , or } after " + matchers.get(matchers.size() - 1)
                    + ", found " + rest());
        }
        skipSpaces();
        return new TtlRule(List.copyOf(matchers), ttl());
    }

    private LabelMatcher matcher() {
        int start = pos;
        while (!atEnd() && isNameChar(peek(), pos == start)) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("expected a label name, found " + rest());
        }
        skipSpaces();
        start = pos;
        while (!atEnd() && OPERATOR_CHARS.indexOf(peek()) >= 0) {
            pos++;
        }
        String symbol = text.substring(start, pos);
        LabelMatcher.Operator operator = null;
        for (LabelMatcher.Operator candidate : LabelMatcher.Operator.values()) {
            if (candidate.symbol.equals(symbol)) {
                operator = candidate;
            }
        }
        if (operator == null) {
            throw new IllegalArgumentException((symbol.isEmpty() ? "missing operator" : "unknown operator \"" + symbol + "\"")
                    + " after " + name + " (use =, !=, =~ or !~)");
        }
        skipSpaces();
        String value = quoted(name + symbol);
        Pattern pattern = null;
        if (operator == LabelMatcher.Operator.MATCHES || operator == LabelMatcher.Operator.NOT_MATCHES) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad regular expression \"" + value + "\" for " + name + ": "
                        + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }
        return new LabelMatcher(name, operator, value, pattern);
    }

    private String quoted(String after) {
        char quote = atEnd() ? 0 : peek();
        if (quote != '"' && quote != '\'' && quote != '`') {
            throw new IllegalArgumentException("expected a quoted value after " + after + ", found " + rest());
        }
        pos++;
        StringBuilder value = new StringBuilder();
        while (!atEnd() && peek() != quote && peek() != '\n') {
            char c = text.charAt(pos++);
            if (c == '\\' && quote != '`' && !atEnd()) {
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case '\\', '"', '\'' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    // kept as written, so that a regular expression's \. or \d reads as in Java
                    default -> value.append('\\').append(escaped);
                }
            } else {
                value.append(c);
            }
        }
        if (!consume(quote)) {
            throw new IllegalArgumentException("the value after " + after + " has no closing " + quote);
        }
        return value.toString();
    }

    private Duration ttl() {
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(peek()) && !isSeparator(peek()) && peek() != '#') {
            pos++;
        }
        String ttl = text.substring(start, pos);
        if (ttl.isEmpty()) {
            throw new IllegalArgumentException("missing TTL after the matchers (e.g. 36h, or never)");
        }
        if (ttl.equals("never")) {
            return null;
        }
        Duration duration;
        try {
            duration = DurationText.parse("ttl", ttl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TTL must be a duration such as 90s, 30m, 36h or 7d, or never, not \""
                    + ttl + "\"");
        }
        if (duration.isZero()) {
            throw new IllegalArgumentException("TTL must be above 0, not \"" + ttl + "\"");
        }
        return duration;
    }

    private void skipSeparatorsAndComments() {
        while (!atEnd()) {
            char c = peek();
            if (c == '#') {
                while (!atEnd() && peek() != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c) || c == ';') {
                if (c == '\n') {
                    line++;
                }
                pos++;
            } else {
                return;
            }
        }
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek()) && peek() != '\n') {
            pos++;
        }
    }

    private static boolean isSeparator(char c) {
        return c == ';' || c == '\n' || c == '\r';
    }

    private boolean consume(char c) {
        if (!atEnd() && peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private char peek() {
        return atEnd() ? 0 : text.charAt(pos);
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    /** What follows, up to the end of the line, for an error message. */
    private String rest() {
        int end = text.indexOf('\n', pos);
        String rest = text.substring(pos, end < 0 ? text.length() : end).strip();
        return rest.isEmpty() ? "the end of the rule" : "\"" + rest + "\"";
    }

    /** A Prometheus label name: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    private static boolean isNameChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || !first && c >= '0' && c <= '9';
    }
}
