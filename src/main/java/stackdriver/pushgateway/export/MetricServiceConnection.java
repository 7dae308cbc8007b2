package stackdriver.pushgateway.export;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.api.gax.rpc.ClientContext;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.cloud.monitoring.v3.stub.GrpcMetricServiceStub;
import com.google.cloud.monitoring.v3.stub.MetricServiceStubSettings;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Drainable;
import io.grpc.ForwardingClientCall;
import io.grpc.KnownLength;
import io.grpc.ForwardingChannelBuilder2;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.auth.MoreCallCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.WriteBufferWaterMark;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One channel to a MetricService: Google's client for its calls, and CreateTimeSeries taking a request
 * already encoded ({@link EncodedRequest}), on the same channel, credentials and headers. That call goes
 * straight to grpc-java, without gax's callable chain: an export sends thousands of them an interval, and
 * the layers (futures, tracers, retry wrappers, a thread hop per answer) cost more CPU than the call itself.
 * It is asynchronous, answered on the transport's thread: a thread blocked per request in flight cost several
 * thread wake-ups a request. Its errors are the client's own ApiExceptions all the same. gRPC's own retries
 * are off: they keep a copy of every request until it is answered, and {@link MetricWriter} and Google's
 * client retry what is worth retrying.
 */
public final class MetricServiceConnection implements AutoCloseable {
    private static final String CREATE_TIME_SERIES = "google.monitoring.v3.MetricService/CreateTimeSeries";
    static final MethodDescriptor<EncodedRequest, Empty> CREATE_TIME_SERIES_METHOD =
            MethodDescriptor.<EncodedRequest, Empty>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(CREATE_TIME_SERIES)
                    .setRequestMarshaller(new EncodedRequestMarshaller())
                    .setResponseMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
                    .build();

    private final MetricServiceClient client;
    private final Channel channel;
    private final CallOptions callOptions;
    private final TransportThread transportThread;

    private MetricServiceConnection(MetricServiceStubSettings.Builder settings, TransportThread transportThread)
            throws IOException {
        ClientContext context;
        try {
            context = ClientContext.create(settings.build());
        } catch (IOException | RuntimeException e) {
            transportThread.close();
            throw e;
        }
        this.transportThread = transportThread;
        this.client = MetricServiceClient.create(GrpcMetricServiceStub.create(context));
        Channel transport = ((GrpcTransportChannel) context.getTransportChannel()).getChannel();
        this.channel = ClientInterceptors.intercept(transport, new RoutingHeader());
        this.callOptions = context.getCredentials() == null ? CallOptions.DEFAULT
                : CallOptions.DEFAULT.withCallCredentials(MoreCallCredentials.from(context.getCredentials()));
    }

    /**
     * A MetricService over TLS with Application Default Credentials and Google's headers, as Google's client
     * connects to {@code monitoring.googleapis.com}.
     *
     * @param endpoint another {@code host:port} (a regional or Private Service Connect endpoint, a proxy); "" for
     *     Google's
     * @param trustCertificates a PEM file of CA certificates trusted besides the JVM's, or null
     */
    public static MetricServiceConnection google(String endpoint, Path trustCertificates) throws IOException {
        SslContext tls = trustCertificates == null ? null
                : GrpcSslContexts.forClient().trustManager(TrustRoots.withExtra(trustCertificates)).build();
        TransportThread transportThread = new TransportThread();
        InstantiatingGrpcChannelProvider.Builder channel = MetricServiceStubSettings.defaultGrpcTransportProviderBuilder()
                .setChannelConfigurator(builder -> transportThread.configure(withTls(builder, tls).disableRetry()));
        if (!endpoint.isEmpty()) {
            channel.setEndpoint(endpoint);
        }
        return new MetricServiceConnection(MetricServiceStubSettings.newBuilder()
                .setTransportChannelProvider(channel.build()), transportThread);
    }

    private static ManagedChannelBuilder<?> withTls(ManagedChannelBuilder<?> channel, SslContext tls) {
        if (tls == null) {
            return channel;
        }
        if (!(channel instanceof NettyChannelBuilder netty)) {
            throw new IllegalStateException("gateway.monitoring.trust-certificates needs a Netty channel; Google's client"
                    + " made a " + channel.getClass().getName());
        }
        return netty.sslContext(tls);
    }

    /** A MetricService at a plaintext {@code host:port}, without credentials: the emulator or one like it. */
    public static MetricServiceConnection plaintext(String hostAndPort) {
        TransportThread transportThread = new TransportThread();
        try {
            return new MetricServiceConnection(MetricServiceStubSettings.newBuilder()
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                            .setEndpoint(hostAndPort)
                            .setChannelConfigurator(channel -> transportThread.configure(channel.usePlaintext().disableRetry()))
                            .build()), transportThread);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the MetricService at " + hostAndPort, e);
        }
    }

    /**
     * Runs {@code calls} on the channel's transport thread when this connection has one of its own (else on the
     * calling thread): the calls started there are written together, in one system call, and wake that thread
     * once. Started from another thread, each call woke it two or three times, and on a busy core each
     * wake-up costs more than the call's own work.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the connection is closed
     */
    public void startTogether(Runnable calls) {
        transportThread.run(calls);
    }

    public MetricServiceClient client() {
        return client;
    }

    /**
     * Starts sending the request and returns at once. {@code done} is called on a gRPC transport thread, with
     * null when the request was accepted, else with the client's ApiException: no thread waits for an answer.
     */
    public void createTimeSeries(EncodedRequest request, Duration timeout, Consumer<ApiException> done) {
        CallOptions options = callOptions.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .withExecutor(MoreExecutors.directExecutor())
                .withOption(RoutingHeader.PROJECT, request.project());
        ClientCalls.asyncUnaryCall(channel.newCall(CREATE_TIME_SERIES_METHOD, options), request, new StreamObserver<>() {
            @Override
            public void onNext(Empty answer) {
            }

            @Override
            public void onError(Throwable failure) {
                done.accept(failure instanceof StatusRuntimeException e
                        ? ApiExceptionFactory.createException(e, GrpcStatusCode.of(e.getStatus().getCode()), false)
                        : ApiExceptionFactory.createException(failure, GrpcStatusCode.of(Status.Code.UNKNOWN), false));
            }

            @Override
            public void onCompleted() {
                done.accept(null);
            }
        });
    }

    /**
     * Reconnects at once a channel that waits out gRPC's reconnect backoff (up to two minutes after a long outage):
     * without it, the intervals after Cloud Monitoring came back still failed for as long as that wait.
     */
    public void resetConnectBackoff() {
        transportThread.resetConnectBackoff();
    }

    @Override
    public void close() {
        client.close();
        try {
            client.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            transportThread.close();
        }
    }

    /**
     * The one Netty event loop of this connection's channel, given to the channel when gax builds it with
     * grpc-netty (it always does for an endpoint; a channel of another kind keeps its own threads).
     */
    private static final class TransportThread implements AutoCloseable {
        static {
            // Netty's leak detector records a stack trace for one buffer in 128: with tens of thousands of
            // buffers an interval, that was 2 % of the transport thread. It is a debugging aid; gRPC frees its buffers.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }

        private static final int WRITE_BUFFER = 1 << 20;

        private final EventLoopGroup loop = Epoll.isAvailable()
                ? new EpollEventLoopGroup(1, new DefaultThreadFactory("monitoring-transport", true))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("monitoring-transport", true));
        private volatile boolean used;
        private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

        ManagedChannelBuilder<?> configure(ManagedChannelBuilder<?> channel) {
            ManagedChannelBuilder<?> configured = withTransportThread(channel);
            return new ChannelKeepingBuilder(configured, channels);
        }

        /** Every channel made with this thread: gax's channel pool does not pass a reset of the backoff on. */
        void resetConnectBackoff() {
            channels.forEach(ManagedChannel::resetConnectBackoff);
        }

        private ManagedChannelBuilder<?> withTransportThread(ManagedChannelBuilder<?> channel) {
            if (channel instanceof NettyChannelBuilder netty) {
                netty.eventLoopGroup(loop)
                        .channelType(loop instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class)
                        // gRPC's HTTP/2 flow controller writes a stream's data only while the channel is under its
                        // write-buffer mark (Netty's default: 64 KB), then waits until the socket has taken it: one
                        // request per system call. With 1 MB, requests started together leave together (strace:
                        // 1,376 writev an interval for 1,020 requests before, 64 after).
                        .withOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(WRITE_BUFFER, 2 * WRITE_BUFFER));
                used = true;
            }
            return channel;
        }

        void run(Runnable calls) {
            if (used) {
                loop.execute(calls);
            } else {
                calls.run();
            }
        }

        /** Stops the thread; calls started together afterwards are refused (RejectedExecutionException). */
        @Override
        public void close() {
            loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Builds the channel as the builder it wraps, and keeps it. */
    private static final class ChannelKeepingBuilder extends ForwardingChannelBuilder2<ChannelKeepingBuilder> {
        private final ManagedChannelBuilder<?> builder;
        private final List<ManagedChannel> built;

        ChannelKeepingBuilder(ManagedChannelBuilder<?> builder, List<ManagedChannel> built) {
            this.builder = builder;
            this.built = built;
        }

        @Override
        protected ManagedChannelBuilder<?> delegate() {
            return builder;
        }

        @Override
        public ManagedChannel build() {
            ManagedChannel channel = builder.build();
            built.add(channel);
            return channel;
        }
    }

    /**
     * Adds the routing header gax adds to each call, naming the project the request writes to (the channel
     * itself adds the client's fixed headers).
     */
    private static final class RoutingHeader implements ClientInterceptor {
        static final CallOptions.Key<String> PROJECT = CallOptions.Key.create("routing project");
        private static final Metadata.Key<String> REQUEST_PARAMS =
                Metadata.Key.of("x-goog-request-params", Metadata.ASCII_STRING_MARSHALLER);

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    String project = options.getOption(PROJECT);
                    if (project != null) {
                        headers.put(REQUEST_PARAMS, "name=" + URLEncoder.encode(project, StandardCharsets.UTF_8));
                    }
                    super.start(listener, headers);
                }
            };
        }
    }

    /** Sends the encoded bytes as they are; nothing ever parses a request on this side. */
    private static final class EncodedRequestMarshaller implements MethodDescriptor.Marshaller<EncodedRequest> {
        @Override
        public InputStream stream(EncodedRequest request) {
            return new EncodedStream(request.bytes());
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

    /** A stream as protobuf's ByteOutput; gRPC's framer copies what it is given and keeps no array. */
    private static final class StreamOutput extends ByteOutput {
        private final OutputStream target;

        StreamOutput(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(byte value) throws IOException {
            target.write(value);
        }

        @Override
        public void write(byte[] value, int offset, int length) throws IOException {
            target.write(value, offset, length);
        }

        @Override
        public void writeLazy(byte[] value, int offset, int length) throws IOException {
            target.write(value, offset, length);
        }

        @Override
        public void write(ByteBuffer value) throws IOException {
            byte[] bytes = new byte[value.remaining()];
            value.get(bytes);
            target.write(bytes);
        }

        @Override
        public void writeLazy(ByteBuffer value) throws IOException {
            write(value);
        }
    }

    /**
     * The bytes as gRPC reads a message: with their length known and drained in one write into the transport's
     * buffer, where a plain stream is copied through a small buffer of its own.
     */
    private static final class EncodedStream extends InputStream implements Drainable, KnownLength {
        private ByteString unread;

        EncodedStream(ByteString bytes) {
            this.unread = bytes;
        }

        /** Writes the bytes themselves: {@code ByteString.writeTo(OutputStream)} copies them first. */
        @Override
        public int drainTo(OutputStream target) throws IOException {
            int size = unread.size();
            UnsafeByteOperations.unsafeWriteTo(unread, new StreamOutput(target));
            unread = ByteString.EMPTY;
            return size;
        }

        @Override
        public int available() {
            return unread.size();
        }

        @Override
        public int read() {
            if (unread.isEmpty()) {
                return -1;
            }
            int next = unread.byteAt(0) & 0xff;
            unread = unread.substring(1);
            return next;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (unread.isEmpty()) {
                return length == 0 ? 0 : -1;
            }
            int count = Math.min(length, unread.size());
            unread.copyTo(target, 0, offset, count);
            unread = unread.substring(count);
            return count;
        }
    }
}
