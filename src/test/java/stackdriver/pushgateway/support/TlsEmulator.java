package stackdriver.pushgateway.support;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import stackdriver.pushgateway.emulator.MetricServiceEmulator;
import stackdriver.pushgateway.http.webconfig.Pem;

/**
 * The Cloud Monitoring emulator behind TLS, with a certificate for 127.0.0.1 made at test time, recording the
 * headers of every call it receives: what Google's client sends to {@code monitoring.googleapis.com}.
 */
public final class TlsEmulator implements AutoCloseable {
    /** One call: its method and its ASCII headers. */
    public record Call(String method, Map<String, String> headers) {
    }

    private final MetricServiceEmulator emulator;
    private final int port;
    private final Path certificate;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private TlsEmulator(Path dir) throws Exception {
        Pem.selfSigned(dir, "emulator");
        this.certificate = dir.resolve("emulator.crt");
        this.port = RunningGateway.freePort();
        this.emulator = MetricServiceEmulator.builder()
                .serverBuilder(Grpc.newServerBuilderForPort(port, TlsServerCredentials.create(
                        certificate.toFile(), dir.resolve("emulator.key").toFile())).intercept(new Recorder()))
                .restPort(MetricServiceEmulator.OFF).start();
    }

    /** @param dir where the certificate and key are written */
    public static TlsEmulator start(Path dir) throws Exception {
        return new TlsEmulator(dir);
    }

    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** The PEM certificate the emulator presents, to be trusted by its clients. */
    public Path certificate() {
        return certificate;
    }

    public List<Call> calls() {
        return calls;
    }

    public MetricServiceEmulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        emulator.close();
    }

    private final class Recorder implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            Map<String, String> ascii = new HashMap<>();
            for (String key : headers.keys()) {
                if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    ascii.put(key, headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
                }
            }
            calls.add(new Call(call.getMethodDescriptor().getFullMethodName(), ascii));
            return next.startCall(call, headers);
        }
    }
}
