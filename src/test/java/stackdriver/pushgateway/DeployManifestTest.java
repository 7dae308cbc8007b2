package stackdriver.pushgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import stackdriver.pushgateway.config.GatewaySettings;
import stackdriver.pushgateway.config.ListenAddress;

/**
 * {@code deploy/kubernetes.yaml} read as Kubernetes would: every GATEWAY_ variable it sets is a real setting, the
 * probes ask paths the gateway serves, the containers' ports are where the gateway listens, and the writers run
 * with a standby and the Lease's RBAC.
 */
class DeployManifestTest {

    private static final Path MANIFEST = Path.of("deploy/kubernetes.yaml");
    private final List<Map<String, Object>> documents = load();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load() {
        try (Reader reader = Files.newBufferedReader(MANIFEST)) {
            List<Map<String, Object>> all = new ArrayList<>();
            new Yaml().loadAll(reader).forEach(document -> all.add((Map<String, Object>) document));
            return all;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Properties packagedSettings() throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = current == null ? null : ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    private Map<String, Object> named(String kind, String name) {
        return documents.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " is not in " + MANIFEST));
    }

    /** Every container of every workload, by its workload's name. */
    private Map<String, Map<String, Object>> containers() {
        Map<String, Map<String, Object>> containers = new LinkedHashMap<>();
        for (Map<String, Object> document : documents) {
            List<Map<String, Object>> list = at(document, "spec", "template", "spec", "containers");
            if (list != null) {
                list.forEach(container -> containers.put(at(document, "metadata", "name"), container));
            }
        }
        return containers;
    }

    /** What a container's environment sets: its own variables over its ConfigMaps' (Kubernetes' order). */
    private Map<String, String> environment(Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        List<Map<String, Object>> from = at(container, "envFrom");
        for (Map<String, Object> source : from == null ? List.<Map<String, Object>>of() : from) {
            Map<String, Object> data = at(named("ConfigMap", at(source, "configMapRef", "name")), "data");
            data.forEach((key, value) -> environment.put(key, String.valueOf(value)));
        }
        List<Map<String, Object>> env = at(container, "env");
        for (Map<String, Object> variable : env == null ? List.<Map<String, Object>>of() : env) {
            environment.put((String) variable.get("name"), variable.containsKey("value")
                    ? String.valueOf(variable.get("value")) : "(from " + variable.get("valueFrom") + ")");
        }
        return environment;
    }

    @Test
    void everyGatewayVariableItSetsIsARealSetting() throws Exception {
        Set<String> settings = packagedSettings().stringPropertyNames().stream()
                .map(GatewaySettings::environmentName).collect(Collectors.toSet());
        List<String> set = new ArrayList<>();
        containers().values().forEach(container -> environment(container).keySet().stream()
                .filter(name -> name.startsWith("GATEWAY_")).forEach(set::add));
        documents.stream().filter(d -> "ConfigMap".equals(d.get("kind")))
                .forEach(d -> set.addAll(((Map<String, Object>) at(d, "data")).keySet()));

        assertThat(set).isNotEmpty().contains("GATEWAY_HA", "GATEWAY_WEB_READS_FROM");
        assertThat(set).filteredOn(name -> name.startsWith("GATEWAY_")).allSatisfy(name ->
                assertThat(settings).as(name + " names a setting of config/application.properties").contains(name));
    }

    @Test
    void theProbesAskPathsTheGatewayServes() throws Exception {
        Matcher served = Pattern.compile("platform-http:([^?\"]+)").matcher(Files.readString(Path.of("routes/web.yaml")));
        Set<String> paths = new java.util.HashSet<>();
        while (served.find()) {
            paths.add(served.group(1));
        }
        containers().forEach((workload, container) -> {
            assertThat((String) at(container, "livenessProbe", "httpGet", "path")).as(workload + "'s liveness probe")
                    .isEqualTo("/-/healthy").isIn(paths);
            assertThat((String) at(container, "readinessProbe", "httpGet", "path")).as(workload + "'s readiness probe")
                    .isEqualTo("/-/ready").isIn(paths);
            if (container.containsKey("startupProbe")) {
                assertThat((String) at(container, "startupProbe", "httpGet", "path")).as(workload + "'s startup probe")
                        .isIn(paths);
            }
        });
    }

    @Test
    void theContainersPortsAreWhereTheGatewayListens() throws Exception {
        String packaged = packagedSettings().getProperty("gateway.web.listen-address");
        containers().forEach((workload, container) -> {
            String address = environment(container).getOrDefault("GATEWAY_WEB_LISTEN_ADDRESS", packaged);
            List<Map<String, Object>> ports = at(container, "ports");
            assertThat(ports).as(workload + "'s ports").extracting(port -> port.get("containerPort"))
                    .containsExactly(ListenAddress.parse(address).port());
        });
    }

    @Test
    void theWritersRunWithAStandbyOnTheLeaseAndTheirOwnVolumes() {
        Map<String, Object> writers = named("StatefulSet", "pushgateway-writer");
        assertThat((Integer) at(writers, "spec", "replicas")).isGreaterThanOrEqualTo(2);
        Map<String, String> environment = environment(containers().get("pushgateway-writer"));
        assertThat(environment).containsEntry("GATEWAY_ROLE", "writer").containsEntry("GATEWAY_HA", "kubernetes")
                .containsEntry("GATEWAY_PERSISTENCE_MODE", "journal");
        assertThat((List<?>) at(writers, "spec", "volumeClaimTemplates")).hasSize(1);

        List<Map<String, Object>> rules = at(named("Role", "pushgateway-writer-lease"), "rules");
        assertThat(rules).anySatisfy(rule -> {
            assertThat((List<String>) rule.get("apiGroups")).contains("coordination.k8s.io");
            assertThat((List<String>) rule.get("resources")).contains("leases");
            assertThat((List<String>) rule.get("verbs")).contains("get", "create", "update");
        });
        Map<String, Object> binding = named("RoleBinding", "pushgateway-writer-lease");
        String account = at(writers, "spec", "template", "spec", "serviceAccountName");
        assertThat((List<Map<String, Object>>) at(binding, "subjects"))
                .anySatisfy(subject -> assertThat(subject.get("name")).isEqualTo(account));
    }

    @Test
    void readsThroughThePushersServiceReachTheWriters() {
        Map<String, Object> pushers = named("Service", "pushgateway");
        Map<String, String> ingest = environment(containers().get("pushgateway-ingest"));
        assertThat((Map<String, Object>) at(pushers, "spec", "selector")).containsEntry("role", "ingest");
        assertThat(ingest).containsEntry("GATEWAY_ROLE", "ingest");

        String readsFrom = ingest.get("GATEWAY_WEB_READS_FROM");
        Map<String, Object> writers = named("Service", "pushgateway-writer");
        Map<String, Object> writerLabels = at(named("StatefulSet", "pushgateway-writer"), "spec", "template", "metadata",
                "labels");
        assertThat(readsFrom).isEqualTo("http://pushgateway-writer:" + ((List<Map<String, Object>>) at(writers, "spec",
                "ports")).get(0).get("port"));
        assertThat(writerLabels).containsAllEntriesOf(at(writers, "spec", "selector"));
    }

    @Test
    void aNewWriterTakesTheGroupsFromTheWritersService() {
        Map<String, String> writer = environment(containers().get("pushgateway-writer"));
        Map<String, Object> writers = named("Service", "pushgateway-writer");

        assertThat(writer.get("GATEWAY_HA_SEED_FROM")).isEqualTo("http://pushgateway-writer:"
                + ((List<Map<String, Object>>) at(writers, "spec", "ports")).get(0).get("port"));
        assertThat((Boolean) writers.getOrDefault("publishNotReadyAddresses", false))
                .as("a writer that is not ready yet is not asked for its groups").isFalse();
    }
}
