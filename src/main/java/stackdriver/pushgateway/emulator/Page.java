package stackdriver.pushgateway.emulator;

import io.grpc.Status;
import java.util.Optional;

/** Offset paging of a list: the token is the position of the next element. */
record Page(int from, int to, int size) {

    static Page of(int pageSize, String token, int size) {
        int from = 0;
        if (!token.isEmpty()) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > size) {
                throw Status.INVALID_ARGUMENT.withDescription("Field pageToken had an invalid value of \"" + token + "\".")
                        .asRuntimeException();
            }
        }
        int to = pageSize <= 0 ? size : (int) Math.min(size, (long) from + pageSize);
        return new Page(from, to, size);
    }

    Optional<String> nextToken() {
        return to < size ? Optional.of(Integer.toString(to)) : Optional.empty();
    }
}
