package stackdriver.pushgateway.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.monitoring.v3.GetMetricDescriptorRequest;
import com.google.monitoring.v3.GetMonitoredResourceDescriptorRequest;
import com.google.monitoring.v3.ListMetricDescriptorsRequest;
import com.google.monitoring.v3.ListMonitoredResourceDescriptorsRequest;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.TimeInterval;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read calls of the Cloud Monitoring REST API (v3), answered in Google's JSON, so that what was
 * written can be checked with curl. Served by the same code as the gRPC API. One convenience the
 * real API lacks: with no {@code interval.endTime} every stored point is returned, and with no
 * filter every series.
 */
final class RestReadApi implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile(
            "/v3/projects/([^/]+)/(timeSeries|metricDescriptors|monitoredResourceDescriptors)(?:/(.+))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatedMetricService service;
    private final TimeSeriesQuery query;
    private final Clock clock;
    private final HttpServer server;

    RestReadApi(int port, EmulatedMetricService service, TimeSeriesQuery query, Clock clock) throws IOException {
        this.service = service;
        this.query = query;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "emulator-rest");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, error(405, "METHOD_NOT_ALLOWED", "The emulator's REST API is read-only: use gRPC to write."));
                return;
            }
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                send(exchange, 404, error(404, "NOT_FOUND", "No such API: " + exchange.getRequestURI().getPath()));
                return;
            }
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
            String project = "projects/" + path.group(1);
            String id = path.group(3);
            Message answer = switch (path.group(2)) {
                case "timeSeries" -> query.list(listTimeSeries(project, params), false);
                case "metricDescriptors" -> id == null
                        ? call(service::listMetricDescriptors, ListMetricDescriptorsRequest.newBuilder().setName(project)
                                .setFilter(params.getOrDefault("filter", ""))
                                .setPageSize(intParam(params, "pageSize"))
                                .setPageToken(params.getOrDefault("pageToken", "")).build())
                        : call(service::getMetricDescriptor, GetMetricDescriptorRequest.newBuilder()
                                .setName(project + "/metricDescriptors/" + id).build());
                default -> id == null
                        ? call(service::listMonitoredResourceDescriptors, ListMonitoredResourceDescriptorsRequest
                                .newBuilder().setName(project).build())
                        : call(service::getMonitoredResourceDescriptor, GetMonitoredResourceDescriptorRequest
                                .newBuilder().setName(project + "/monitoredResourceDescriptors/" + id).build());
            };
            send(exchange, 200, JsonFormat.printer().print(answer));
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            int http = switch (status.getCode()) {
                case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
                case NOT_FOUND -> 404;
                case UNIMPLEMENTED -> 501;
                default -> 500;
            };
            send(exchange, http, error(http, status.getCode().name(), status.getDescription()));
        } catch (RuntimeException e) {
            send(exchange, 500, error(500, "INTERNAL", String.valueOf(e)));
        }
    }

    private ListTimeSeriesRequest listTimeSeries(String project, Map<String, String> params) {
        TimeInterval.Builder interval = TimeInterval.newBuilder();
        if (params.containsKey("interval.endTime")) {
            interval.setEndTime(timestamp(params, "interval.endTime"));
            if (params.containsKey("interval.startTime")) {
                interval.setStartTime(timestamp(params, "interval.startTime"));
            }
        } else {
            interval.setStartTime(Timestamps.EPOCH).setEndTime(Timestamps.fromMillis(clock.millis() + 3_600_000));
        }
        ListTimeSeriesRequest.Builder request = ListTimeSeriesRequest.newBuilder().setName(project)
                .setFilter(params.getOrDefault("filter", "")).setInterval(interval)
                .setPageSize(intParam(params, "pageSize")).setPageToken(params.getOrDefault("pageToken", ""));
        try {
            request.setView(ListTimeSeriesRequest.TimeSeriesView.valueOf(params.getOrDefault("view", "FULL")));
        } catch (IllegalArgumentException e) {
            throw invalid("view", params.get("view"));
        }
        return request.build();
    }

    private static <Q, A extends Message> A call(BiConsumer<Q, StreamObserver<A>> method, Q request) {
        Object[] result = new Object[1];
        method.accept(request, new StreamObserver<A>() {
            @Override
            public void onNext(A value) {
                result[0] = value;
            }

            @Override
            public void onError(Throwable t) {
                result[0] = t;
            }

            @Override
            public void onCompleted() {
            }
        });
        if (result[0] instanceof StatusRuntimeException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        A answer = (A) result[0];
        return answer;
    }

    private static com.google.protobuf.Timestamp timestamp(Map<String, String> params, String name) {
        try {
            return Timestamps.parse(params.get(name));
        } catch (ParseException e) {
            throw invalid(name, params.get(name));
        }
    }

    private static int intParam(Map<String, String> params, String name) {
        try {
            return Integer.parseInt(params.getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            throw invalid(name, params.get(name));
        }
    }

    private static StatusRuntimeException invalid(String name, String value) {
        return Status.INVALID_ARGUMENT.withDescription("Invalid value at '" + name + "' (" + value + ")")
                .asRuntimeException();
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /** Google's JSON error body: {"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT"}}. */
    private static String error(int code, String status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message == null ? "" : message).put("status", status);
        return body.toString();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
