package stackdriver.pushgateway.emulator;

import com.google.monitoring.v3.MetricServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Applies {@link Faults} to the write methods, and counts every write call that arrives. */
final class FaultInterceptor implements ServerInterceptor {
    private static final Set<String> WRITES = Set.of(
            MetricServiceGrpc.getCreateTimeSeriesMethod().getFullMethodName(),
            MetricServiceGrpc.getCreateServiceTimeSeriesMethod().getFullMethodName());

    private final Faults faults;
    private final EmulatorStats stats;

    FaultInterceptor(Faults faults, EmulatorStats stats) {
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        if (!WRITES.contains(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        stats.createTimeSeriesCalls.incrementAndGet();
        Duration delay = faults.currentDelay();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Optional<Status> failure = faults.take();
        if (failure.isPresent()) {
            call.close(failure.get(), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
