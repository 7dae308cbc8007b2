package stackdriver.pushgateway.exposition;

import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.CodedInputStream;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.WireFormat;
import java.io.IOException;

/**
 * Walks a {@code io.prometheus.client} message without keeping anything, failing where protobuf's generated
 * parser fails: nested messages and packed lists are walked into (their content must be well formed),
 * everything else is skipped as protobuf skips unknown fields. {@link ProtobufDelimitedParser} walks a family
 * with this before it reads it, so a body is rejected for a malformed field before any of its metrics is
 * judged, as when whole messages were parsed first.
 */
final class ProtobufWireCheck {
    static final int SCALARS = 0;
    static final int METRIC = 1;
    private static final int COUNTER = 2;
    private static final int SUMMARY = 3;
    private static final int HISTOGRAM = 4;
    private static final int BUCKET = 5;
    private static final int EXEMPLAR = 6;
    private static final int NOT_A_MESSAGE = -1;

    private ProtobufWireCheck() {
    }

    /** Walks a length-prefixed message of this type (one of the constants); the length comes first. */
    static void checkMessage(CodedInputStream in, int type) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        check(in, type);
        in.popLimit(limit);
    }

    private static void check(CodedInputStream in, int type) throws IOException {
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            int number = WireFormat.getTagFieldNumber(tag);
            boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            int nested = delimited ? nested(type, number) : NOT_A_MESSAGE;
            if (nested != NOT_A_MESSAGE) {
                checkMessage(in, nested);
            } else if (delimited && type == HISTOGRAM && number >= 10 && number <= 14 && number != 12) {
                checkPacked(in, number == 11 || number == 14);
            } else if (!in.skipField(tag)) {
                break; // an end-group tag: protobuf ends the message there, and then fails on it below
            }
        }
        in.checkLastTagWas(0);
    }

    /** The native histogram deltas (sint64) and counts (double). */
    private static void checkPacked(CodedInputStream in, boolean doubles) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            if (doubles) {
                in.readDouble();
            } else {
                in.readSInt64();
            }
        }
        in.popLimit(limit);
    }

    /** The message type of a field, from metrics.proto; label pairs, gauges, timestamps... hold only scalars. */
    private static int nested(int type, int number) {
        return switch (type) {
            case METRIC -> switch (number) {
                case 1, 2, 5 -> SCALARS; // label, gauge, untyped
                case 3 -> COUNTER;
                case 4 -> SUMMARY;
                case 7 -> HISTOGRAM;
                default -> NOT_A_MESSAGE;
            };
            case COUNTER -> number == 2 ? EXEMPLAR : number == 3 ? SCALARS : NOT_A_MESSAGE;
            case SUMMARY -> number == 3 || number == 4 ? SCALARS : NOT_A_MESSAGE; // quantile, created
            case HISTOGRAM -> switch (number) {
                case 3 -> BUCKET;
                case 9, 12, 15 -> SCALARS; // spans, created
                case 16 -> EXEMPLAR;
                default -> NOT_A_MESSAGE;
            };
            case BUCKET -> number == 3 ? EXEMPLAR : NOT_A_MESSAGE;
            case EXEMPLAR -> number == 1 || number == 3 ? SCALARS : NOT_A_MESSAGE; // label, timestamp
            default -> NOT_A_MESSAGE;
        };
    }
}
