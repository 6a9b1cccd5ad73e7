package io.paddock;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.ConfigMapping;

/**
 * The Kubernetes manifests in deploy/kubernetes/ against the application they run: the port it listens on,
 * its health endpoints, the settings it knows and its shutdown grace period. A renamed key or a moved endpoint
 * fails here instead of in a cluster.
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes");
    private static final String PADDOCK = "paddock";
    private static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");
    /** Variables of the JVM image's java launcher, not of Paddock (its options are in paddock.jvm). */
    private static final Set<String> IMAGE_VARIABLES = Set.of("JDK_JAVA_OPTIONS");
    /** How long the process may take to exit once its requests have finished. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

    private static List<JsonNode> documents;
    private static Properties applicationProperties;

    @BeforeAll
    static void readManifests() throws IOException {
        assertThat(MANIFESTS).isDirectory();
        documents = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.walk(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                    docs.readAll().stream().filter(d -> d.isObject()).forEach(documents::add);
                }
            }
        }
        applicationProperties = new Properties();
        try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream("/application.properties")) {
            applicationProperties.load(in);
        }
    }

    @Test
    void paddockContainersListenOnTheApplicationsPortAndProbeItsHealthEndpoints() {
        int port = Integer.parseInt(applicationProperties.getProperty("quarkus.http.port"));
        List<JsonNode> containers = paddockContainers();
        assertThat(containers).as("Paddock containers in the manifests").hasSizeGreaterThanOrEqualTo(2);

        for (JsonNode container : containers) {
            assertThat(env(container)).doesNotContainKey("QUARKUS_HTTP_PORT");
            Map<String, Integer> ports = new HashMap<>();
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertThat(ports.values()).allMatch(p -> p == port, "container port is quarkus.http.port (" + port + ")");

            PROBE_PATHS.forEach((probeName, path) -> {
                JsonNode probe = container.path(probeName);
                assertThat(probe.isObject()).as(probeName).isTrue();
                if (probe.has("httpGet")) {
                    assertThat(probe.path("httpGet").path("path").asText()).as(probeName).isEqualTo(path);
                    JsonNode probePort = probe.path("httpGet").path("port");
                    int target = probePort.isInt() ? probePort.asInt() : ports.getOrDefault(probePort.asText(), -1);
                    assertThat(target).as(probeName + " port").isEqualTo(port);
                } else {
                    String command = String.join(" ", strings(probe.path("exec").path("command")));
                    assertThat(command).as(probeName).contains("GET " + path + " ").contains("/" + port);
                }
            });
        }
        PROBE_PATHS.values().forEach(path -> given().get(path).then().statusCode(200));
    }

    @Test
    void everyVariableGivenToPaddockIsASettingItHas() {
        Set<String> paddockVariables = new LinkedHashSet<>();
        settingNames("paddock", PaddockConfig.class, paddockVariables);
        assertThat(paddockVariables).contains("PADDOCK_DB_HOST", "PADDOCK_CLOUD_LOCAL_FAIL_ON");
        Set<String> quarkusVariables = new LinkedHashSet<>();
        ConfigProvider.getConfig().getPropertyNames().forEach(name -> {
            if (name.startsWith("quarkus.")) {
                quarkusVariables.add(variable(name));
            }
        });
        assertThat(quarkusVariables).contains("QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT");

        for (JsonNode container : paddockContainers()) {
            for (String name : env(container).keySet()) {
                if (name.startsWith("PADDOCK_")) {
                    assertThat(paddockVariables).as("PaddockConfig settings").contains(name);
                } else if (name.startsWith("QUARKUS_")) {
                    assertThat(quarkusVariables).as("Quarkus properties of this application").contains(name);
                } else {
                    assertThat(IMAGE_VARIABLES).as("variables of the image's start script").contains(name);
                }
            }
        }
    }

    @Test
    void theConfigMapsAndSecretKeysContainersReadExist() {
        for (JsonNode container : allContainers()) {
            for (JsonNode source : container.path("envFrom")) {
                assertThat(source.has("configMapRef")).as("envFrom of " + container.path("name")).isTrue();
                assertThat(resource("ConfigMap", source.path("configMapRef").path("name").asText())).isNotNull();
            }
            for (JsonNode variable : container.path("env")) {
                JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
                if (!secret.isMissingNode()) {
                    JsonNode manifest = resource("Secret", secret.path("name").asText());
                    assertThat(manifest).as("Secret " + secret.path("name")).isNotNull();
                    assertThat(manifest.path("stringData").has(secret.path("key").asText())
                            || manifest.path("data").has(secret.path("key").asText()))
                            .as("Secret key " + secret.path("key")).isTrue();
                }
            }
        }
    }

    @Test
    void theServiceAndTheDisruptionBudgetSelectTheDeploymentsPods() {
        JsonNode deployment = resource("Deployment", PADDOCK);
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);

        JsonNode service = resource("Service", PADDOCK);
        assertThat(contains(podLabels, service.path("spec").path("selector"))).isTrue();
        JsonNode container = paddockContainer(deployment.path("spec").path("template").path("spec"));
        Set<String> portNames = new LinkedHashSet<>();
        container.path("ports").forEach(p -> portNames.add(p.path("name").asText()));
        service.path("spec").path("ports").forEach(p -> assertThat(portNames).contains(p.path("targetPort").asText()));

        JsonNode budget = resource("PodDisruptionBudget", PADDOCK);
        assertThat(contains(podLabels, budget.path("spec").path("selector").path("matchLabels"))).isTrue();
        assertThat(budget.path("spec").path("minAvailable").asInt()).isBetween(1,
                deployment.path("spec").path("replicas").asInt() - 1);
    }

    @Test
    void podsGivePaddockItsShutdownTimeoutBeforeTheyKillIt() {
        Duration shutdown = Duration.parse("PT" + applicationProperties.getProperty("quarkus.shutdown.timeout"));
        for (JsonNode pod : podSpecs()) {
            assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                    .isEqualTo(shutdown.plus(EXIT_MARGIN).toSeconds());
        }
    }

    @Test
    void paddockRunsAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmpAndAMemoryLimit() {
        for (JsonNode pod : podSpecs()) {
            JsonNode container = paddockContainer(pod);
            JsonNode security = container.path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean()
                    || pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(security.path("allowPrivilegeEscalation").isBoolean()
                    && !security.path("allowPrivilegeEscalation").asBoolean()).isTrue();
            String tmpVolume = null;
            for (JsonNode mount : container.path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            assertThat(tmpVolume).as("a volume at /tmp").isNotNull();
            String name = tmpVolume;
            assertThat(pod.path("volumes").valueStream().filter(v -> v.path("name").asText().equals(name))
                    .anyMatch(v -> v.has("emptyDir"))).isTrue();
            assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        }
    }

    @Test
    void inASharedPodPaddockListensOnLoopbackWhereTheOtherContainersCallIt() {
        List<JsonNode> shared = podSpecs().stream().filter(pod -> containers(pod).size() > 1).toList();
        assertThat(shared).as("the sidecar example").isNotEmpty();
        String port = applicationProperties.getProperty("quarkus.http.port");
        for (JsonNode pod : shared) {
            assertThat(env(paddockContainer(pod)).get("QUARKUS_HTTP_HOST")).isIn("127.0.0.1", "localhost");
            assertThat(containers(pod).stream()
                    .filter(c -> !c.path("name").asText().equals(PADDOCK))
                    .flatMap(c -> c.path("env").valueStream())
                    .map(v -> v.path("value").asText()))
                    .anyMatch(value -> value.contains("localhost:" + port) || value.contains("127.0.0.1:" + port));
        }
    }

    // --- reading the manifests

    private static JsonNode resource(String kind, String name) {
        return documents.stream()
                .filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElse(null);
    }

    private static List<JsonNode> podSpecs() {
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode document : documents) {
            JsonNode pod = document.path("kind").asText().equals("Pod") ? document.path("spec")
                    : document.path("spec").path("template").path("spec");
            if (pod.isObject() && containers(pod).stream().anyMatch(c -> c.path("name").asText().equals(PADDOCK))) {
                pods.add(pod);
            }
        }
        return pods;
    }

    /** The containers that run for the pod's lifetime: containers, and init containers that keep running (sidecars). */
    private static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> containers = new ArrayList<>();
        pod.path("containers").forEach(containers::add);
        pod.path("initContainers").forEach(c -> {
            if (c.path("restartPolicy").asText().equals("Always")) {
                containers.add(c);
            }
        });
        return containers;
    }

    private static List<JsonNode> allContainers() {
        return podSpecs().stream().flatMap(pod -> containers(pod).stream()).toList();
    }

    private static JsonNode paddockContainer(JsonNode pod) {
        return containers(pod).stream().filter(c -> c.path("name").asText().equals(PADDOCK)).findFirst().orElseThrow();
    }

    private static List<JsonNode> paddockContainers() {
        return podSpecs().stream().map(KubernetesManifestsTest::paddockContainer).toList();
    }

    /** The container's environment: its ConfigMaps' keys, then its own variables, which take precedence. */
    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            JsonNode configMap = resource("ConfigMap", source.path("configMapRef").path("name").asText());
            String prefix = source.path("prefix").asText("");
            if (configMap != null) {
                configMap.path("data").properties().forEach(e -> env.put(prefix + e.getKey(), e.getValue().asText()));
            }
        }
        container.path("env").forEach(v -> env.put(v.path("name").asText(), v.path("value").asText(null)));
        return env;
    }

    private static boolean contains(JsonNode labels, JsonNode selector) {
        return selector.size() > 0 && selector.properties().stream()
                .allMatch(e -> e.getValue().asText().equals(labels.path(e.getKey()).asText()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    // --- the application's settings

    /** The environment variables of every key of a @ConfigMapping interface and its groups. */
    private static void settingNames(String prefix, Class<?> mapping, Set<String> variables) {
        for (Method method : mapping.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault()) {
                continue;
            }
            String key = prefix + "." + kebab(method.getName());
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith(PaddockConfig.class.getName())
                    && !type.isAnnotationPresent(ConfigMapping.class)) {
                settingNames(key, type, variables);
            } else {
                variables.add(variable(key));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String variable(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
