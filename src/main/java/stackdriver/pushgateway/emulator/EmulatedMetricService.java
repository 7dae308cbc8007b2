package stackdriver.pushgateway.emulator;

import com.google.api.MetricDescriptor;
import com.google.api.MonitoredResourceDescriptor;
import com.google.monitoring.v3.CreateMetricDescriptorRequest;
import com.google.monitoring.v3.CreateTimeSeriesRequest;
import com.google.monitoring.v3.DeleteMetricDescriptorRequest;
import com.google.monitoring.v3.GetMetricDescriptorRequest;
import com.google.monitoring.v3.GetMonitoredResourceDescriptorRequest;
import com.google.monitoring.v3.ListMetricDescriptorsRequest;
import com.google.monitoring.v3.ListMetricDescriptorsResponse;
import com.google.monitoring.v3.ListMonitoredResourceDescriptorsRequest;
import com.google.monitoring.v3.ListMonitoredResourceDescriptorsResponse;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.ListTimeSeriesResponse;
import com.google.monitoring.v3.MetricServiceGrpc;
import com.google.protobuf.Empty;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** The google.monitoring.v3.MetricService API over the in-memory projects. */
final class EmulatedMetricService extends MetricServiceGrpc.MetricServiceImplBase {
    static final int MAX_TIME_SERIES_PER_REQUEST = 200;

    private final Projects projects;
    private final MonitoredResourceCatalogue resources;
    private final TimeSeriesQuery query;
    private final Clock clock;
    private final EmulatorStats stats;

    EmulatedMetricService(Projects projects, MonitoredResourceCatalogue resources, Clock clock, EmulatorStats stats) {
        this.projects = projects;
        this.resources = resources;
        this.query = new TimeSeriesQuery(projects);
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public void createTimeSeries(CreateTimeSeriesRequest request, StreamObserver<Empty> response) {
        answer(response, () -> write(request));
    }

    @Override
    public void createServiceTimeSeries(CreateTimeSeriesRequest request, StreamObserver<Empty> response) {
        answer(response, () -> write(request));
    }

    private Empty write(CreateTimeSeriesRequest request) {
        ProjectStore project = projects.byName(request.getName());
        if (request.getTimeSeriesCount() > MAX_TIME_SERIES_PER_REQUEST) {
            throw Status.INVALID_ARGUMENT.withDescription("Field timeSeries had an invalid value: A request can"
                    + " write at most " + MAX_TIME_SERIES_PER_REQUEST + " TimeSeries, and this one has "
                    + request.getTimeSeriesCount() + ".").asRuntimeException();
        }
        WriteOutcome outcome = project.write(request.getTimeSeriesList(), clock.instant());
        stats.writtenPoints.addAndGet(outcome.writtenPoints());
        stats.rejectedTimeSeries.addAndGet(outcome.rejectedSeries());
        stats.counterResets.addAndGet(outcome.counterResets());
        stats.rejected(outcome.rejections());
        outcome.failure().ifPresent(failure -> {
            throw failure;
        });
        return Empty.getDefaultInstance();
    }

    @Override
    public void listTimeSeries(ListTimeSeriesRequest request, StreamObserver<ListTimeSeriesResponse> response) {
        answer(response, () -> query.list(request));
    }

    @Override
    public void createMetricDescriptor(CreateMetricDescriptorRequest request, StreamObserver<MetricDescriptor> response) {
        answer(response, () -> projects.byName(request.getName()).createDescriptor(request.getMetricDescriptor()));
    }

    @Override
    public void getMetricDescriptor(GetMetricDescriptorRequest request, StreamObserver<MetricDescriptor> response) {
        answer(response, () -> {
            Projects.Named named = projects.byDescriptorName(request.getName());
            return named.project().descriptor(named.id()).orElseThrow(() -> descriptorNotFound(named.id()));
        });
    }

    @Override
    public void deleteMetricDescriptor(DeleteMetricDescriptorRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            Projects.Named named = projects.byDescriptorName(request.getName());
            if (!named.project().deleteDescriptor(named.id())) {
                throw descriptorNotFound(named.id());
            }
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void listMetricDescriptors(ListMetricDescriptorsRequest request,
            StreamObserver<ListMetricDescriptorsResponse> response) {
        answer(response, () -> {
            TimeSeriesFilter filter = TimeSeriesQuery.parseFilter(request.getFilter());
            List<MetricDescriptor> all = projects.byName(request.getName()).descriptors().stream()
                    .filter(d -> filter.matchesMetricType(d.getType())).toList();
            Page page = Page.of(request.getPageSize(), request.getPageToken(), all.size());
            ListMetricDescriptorsResponse.Builder listed = ListMetricDescriptorsResponse.newBuilder()
                    .addAllMetricDescriptors(all.subList(page.from(), page.to()));
            page.nextToken().ifPresent(listed::setNextPageToken);
            return listed.build();
        });
    }

    @Override
    public void listMonitoredResourceDescriptors(ListMonitoredResourceDescriptorsRequest request,
            StreamObserver<ListMonitoredResourceDescriptorsResponse> response) {
        answer(response, () -> {
            String projectId = projects.byName(request.getName()).projectId();
            List<MonitoredResourceDescriptor> all = resources.all(projectId);
            Page page = Page.of(request.getPageSize(), request.getPageToken(), all.size());
            ListMonitoredResourceDescriptorsResponse.Builder listed = ListMonitoredResourceDescriptorsResponse
                    .newBuilder().addAllResourceDescriptors(all.subList(page.from(), page.to()));
            page.nextToken().ifPresent(listed::setNextPageToken);
            return listed.build();
        });
    }

    @Override
    public void getMonitoredResourceDescriptor(GetMonitoredResourceDescriptorRequest request,
            StreamObserver<MonitoredResourceDescriptor> response) {
        answer(response, () -> {
            Projects.Named named = projects.byDescriptorName(request.getName());
            return resources.find(named.project().projectId(), named.id()).orElseThrow(() -> Status.NOT_FOUND
                    .withDescription("The monitored resource descriptor " + named.id() + " does not exist.")
                    .asRuntimeException());
        });
    }

    private static StatusRuntimeException descriptorNotFound(String type) {
        return Status.NOT_FOUND.withDescription("Could not find descriptor for metric '" + type + "'.")
                .asRuntimeException();
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }
}
