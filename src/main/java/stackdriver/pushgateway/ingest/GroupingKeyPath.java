package stackdriver.pushgateway.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import stackdriver.pushgateway.model.Labels;
import stackdriver.pushgateway.store.GroupingKey;

/**
 * Reads a grouping key from the part of a push URL after {@code /metrics}:
 * {@code /job/<job>{/<label>/<value>}} with {@code @base64} values, or, as an extension, {@code /<label>/<value>...}
 * without a job, which gets the configured default job. With UTF-8 names ({@code gateway.push.enable-utf8-names}),
 * a label name may be any text, written in the path {@code U__}-escaped ({@link ValueEncodedName}).
 */
public final class GroupingKeyPath {

    private final String defaultJob;
    private final boolean utf8Names;

    public GroupingKeyPath(String defaultJob) {
        this(defaultJob, false);
    }

    public GroupingKeyPath(String defaultJob, boolean utf8Names) {
        this.defaultJob = defaultJob;
        this.utf8Names = utf8Names;
    }

    /** @param path the decoded path after {@code /metrics}, e.g. {@code /job/x/instance/y} */
    public GroupingKey parse(String path) {
        if (path.isEmpty() || path.equals("/")) {
            throw new PushRejectedException(404, "404 page not found");
        }
        if (path.equals("/job/")) {
            throw PushRejectedException.redirect("../job"); // relative, so it holds under any route prefix
        }
        if (path.startsWith("/job/") || path.startsWith("/job@base64/")) {
            return parseWithJob(path);
        }
        if (path.equals("/job") || path.equals("/job@base64")) {
            throw new PushRejectedException(404, "404 page not found");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", defaultJob);
        putLabels(path, labels);
        return new GroupingKey(Labels.of(labels));
    }

    /**
     * The path that {@link #parse} reads back as this key, every value base64 so that any value survives, and a
     * name that is not a legacy one {@code U__}-escaped (read back only with UTF-8 names on).
     */
    public static String render(GroupingKey key) {
        StringBuilder path = new StringBuilder("/job@base64/").append(base64(key.job()));
        for (int i = 0; i < key.labels().size(); i++) {
            if (!key.labels().name(i).equals("job")) {
                path.append('/').append(ValueEncodedName.encode(key.labels().name(i))).append("@base64/").append(base64(key.labels().value(i)));
            }
        }
        return path.toString();
    }

    private static String base64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private GroupingKey parseWithJob(String path) {
        boolean base64 = path.startsWith("/job@base64/");
        int jobStart = base64 ? "/job@base64/".length() : "/job/".length();
        int jobEnd = path.indexOf('/', jobStart);
        String rawJob = path.substring(jobStart, jobEnd < 0 ? path.length() : jobEnd);
        String job = base64 ? decodeBase64("job", rawJob) : rawJob;
        if (job.isEmpty()) {
            throw new PushRejectedException(400, "job name is required");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (jobEnd >= 0) {
            putLabels(path.substring(jobEnd), labels);
        }
        labels.put("job", job); // a job label later in the path never overrides the URL's job
        return new GroupingKey(Labels.of(labels));
    }

    /** @param labelPath {@code /<label>/<value>...}; a trailing slash is allowed, as in the reference */
    private void putLabels(String labelPath, Map<String, String> labels) {
        String trimmed = labelPath.endsWith("/") ? labelPath.substring(0, labelPath.length() - 1) : labelPath;
        if (trimmed.isEmpty()) {
            return;
        }
        String[] parts = trimmed.substring(1).split("/", -1);
        if (parts.length % 2 != 0) {
            throw new PushRejectedException(400, "odd number of components in label string \"" + trimmed + "\"");
        }
        for (int i = 0; i < parts.length; i += 2) {
            String name = parts[i];
            String value = parts[i + 1];
            if (name.endsWith("@base64")) {
                name = name.substring(0, name.length() - "@base64".length());
                value = decodeBase64(name, value);
            }
            labels.put(utf8Names ? utf8LabelName(name) : legacyLabelName(name), value);
        }
    }

    private static String legacyLabelName(String name) {
        if (!isLabelName(name)) {
            throw new PushRejectedException(400, "improper label name \"" + name + "\"");
        }
        return name;
    }

    /**
     * As the Pushgateway 1.11 with {@code --push.enable-utf8-names}: any non-empty name not starting with
     * {@code __}, {@code U__} names unescaped. Unlike 1.11, which keeps a name with a broken escape as it is written,
     * that is a 400 here, and so is a name that unescapes to a reserved {@code __} one.
     */
    private static String utf8LabelName(String name) {
        String decoded;
        try {
            decoded = ValueEncodedName.decode(name);
        } catch (IllegalArgumentException e) {
            throw new PushRejectedException(400, "improper label name \"" + name + "\": " + e.getMessage());
        }
        if (decoded.isEmpty() || name.startsWith("__") || decoded.startsWith("__")) {
            throw new PushRejectedException(400, "improper label name \"" + name + "\"");
        }
        return decoded;
    }

    private static String decodeBase64(String label, String value) {
        String unpadded = value;
        while (unpadded.endsWith("=")) {
            unpadded = unpadded.substring(0, unpadded.length() - 1);
        }
        int illegal = firstIllegalBase64Byte(value, unpadded.length());
        if (illegal >= 0) {
            throw new PushRejectedException(400, "invalid base64 encoding for label " + label + "=\"" + value
                    + "\": illegal base64 data at input byte " + illegal);
        }
        return new String(Base64.getUrlDecoder().decode(unpadded), StandardCharsets.UTF_8);
    }

    /** Where Go's decoder would stop, so the error reads as the reference's; -1 when the value decodes. */
    private static int firstIllegalBase64Byte(String value, int unpaddedLength) {
        for (int i = 0; i < unpaddedLength; i++) {
            char c = value.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!alphabet) {
                return i;
            }
        }
        return unpaddedLength % 4 == 1 ? unpaddedLength - 1 : -1;
    }

    /** A Prometheus label name that users may set: {@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code __}. */
    static boolean isLabelName(String name) {
        return !name.startsWith("__") && ValueEncodedName.isLegacyName(name);
    }
}
