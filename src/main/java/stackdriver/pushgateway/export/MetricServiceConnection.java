package stackdriver.pushgateway.export;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.grpc.GrpcCallSettings;
import com.google.api.gax.grpc.GrpcCallableFactory;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ClientContext;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.cloud.monitoring.v3.stub.GrpcMetricServiceStub;
import com.google.cloud.monitoring.v3.stub.MetricServiceStubSettings;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One channel to a MetricService: Google's client for its calls, and CreateTimeSeries taking a request
 * already encoded ({@link EncodedRequest}), on the same channel and credentials. Errors are the client's
 * own ApiExceptions.
 */
public final class MetricServiceConnection implements AutoCloseable {
    private static final String CREATE_TIME_SERIES = "google.monitoring.v3.MetricService/CreateTimeSeries";

    private final MetricServiceClient client;
    private final UnaryCallable<EncodedRequest, Empty> createTimeSeries;

    private MetricServiceConnection(MetricServiceStubSettings settings) throws IOException {
        ClientContext context = ClientContext.create(settings);
        this.client = MetricServiceClient.create(GrpcMetricServiceStub.create(context));
        MethodDescriptor<EncodedRequest, Empty> method = MethodDescriptor.<EncodedRequest, Empty>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(CREATE_TIME_SERIES)
                .setRequestMarshaller(new EncodedRequestMarshaller())
                .setResponseMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
                .build();
        this.createTimeSeries = GrpcCallableFactory.createUnaryCallable(
                GrpcCallSettings.<EncodedRequest, Empty>newBuilder()
                        .setMethodDescriptor(method)
                        .setParamsExtractor(request -> Map.of("name", request.project()))
                        .build(),
                UnaryCallSettings.<EncodedRequest, Empty>newUnaryCallSettingsBuilder()
                        .setRetrySettings(settings.createTimeSeriesSettings().getRetrySettings())
                        .build(),
                context);
    }

    /** Google's {@code monitoring.googleapis.com} with Application Default Credentials. */
    public static MetricServiceConnection google() throws IOException {
        return new MetricServiceConnection(MetricServiceStubSettings.newBuilder().build());
    }

    /** A MetricService at a plaintext {@code host:port}, without credentials: the emulator or one like it. */
    public static MetricServiceConnection plaintext(String hostAndPort) {
        try {
            return new MetricServiceConnection(MetricServiceStubSettings.newBuilder()
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                            .setEndpoint(hostAndPort)
                            .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                            .build())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the MetricService at " + hostAndPort, e);
        }
    }

    public MetricServiceClient client() {
        return client;
    }

    /** Sends the request; throws the client's ApiException when it fails. */
    public void createTimeSeries(EncodedRequest request, Duration timeout) {
        createTimeSeries.call(request, GrpcCallContext.createDefault().withTimeoutDuration(timeout));
    }

    @Override
    public void close() {
        client.close();
        try {
            client.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the encoded bytes as they are; nothing ever parses a request on this side. */
    private static final class EncodedRequestMarshaller implements MethodDescriptor.Marshaller<EncodedRequest> {
        @Override
        public InputStream stream(EncodedRequest request) {
            return request.bytes().newInput();
        }

        @Override
        public EncodedRequest parse(InputStream stream) {
            try {
                return new EncodedRequest("", ByteString.readFrom(stream));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
