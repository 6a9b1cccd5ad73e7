package io.paddock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * One file of JVM options, src/main/jvm/paddock.jvm, sizes Paddock's memory wherever it runs on the JVM: bin/run,
 * the JVM image and, through the image, the Kubernetes Deployment. None of them may size the JVM on its own, and
 * the Deployment's memory limit must hold the pools that file caps.
 */
class JvmOptionsTest {

    private static final Path OPTIONS = Path.of("src/main/jvm/paddock.jvm");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kKmMgG])");
    private static final Map<String, String> CAPPED_POOLS = Map.of(
            "heap", "-Xmx",
            "metaspace", "-XX:MaxMetaspaceSize=",
            "code cache", "-XX:ReservedCodeCacheSize=");
    private static final Pattern SIZING = Pattern.compile(
            "-Xm[xs]|-Xss|MaxRAM|RAMPercentage|MetaspaceSize|CodeCacheSize|JAVA_MAX_MEM_RATIO|JAVA_OPTS");

    @Test
    void theOptionsFileCapsHeapMetaspaceAndCodeCache() throws IOException {
        List<String> options = options();
        CAPPED_POOLS.forEach((pool, option) -> assertThat(options)
                .as(pool + " in " + OPTIONS)
                .anyMatch(o -> o.startsWith(option)));
        assertThat(options).as("the AOT cache is added by bin/package-jvm only once it is written")
                .noneMatch(o -> o.startsWith("-XX:AOTCache"));
    }

    @Test
    void binRunTheImageAndThePackagingStartPaddockWithTheOptionsFile() throws IOException {
        assertThat(Files.readString(Path.of("bin/package-jvm"))).contains("cp " + OPTIONS + " ");
        assertThat(Files.readString(Path.of("bin/run"))).containsPattern("exec java @paddock\\.jvm .*-jar quarkus-run\\.jar");

        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        assertThat(dockerfile).contains("target/quarkus-app/paddock.jvm")
                .contains("ENTRYPOINT [ \"java\", \"@paddock.jvm\", \"-jar\", \"quarkus-run.jar\" ]")
                .doesNotContain("run-java.sh");
        for (String line : dockerfile.lines().filter(l -> l.startsWith("ENV ")).toList()) {
            assertThat(line).as("the image sizes nothing outside paddock.jvm").doesNotContainPattern(SIZING);
        }
    }

    @Test
    void theDeploymentsMemoryLimitHoldsThePoolsTheOptionsFileCaps() throws IOException {
        long capped = 0;
        for (String option : CAPPED_POOLS.values()) {
            String value = options().stream().filter(o -> o.startsWith(option)).findFirst().orElseThrow();
            capped += mebibytes(value.substring(option.length()));
        }
        JsonNode deployment = new YAMLMapper().readTree(Path.of("deploy/kubernetes/deployment.yaml").toFile());
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).isNotEmpty();
        for (JsonNode container : containers) {
            for (JsonNode variable : container.path("env")) {
                assertThat(variable.path("name").asText() + "=" + variable.path("value").asText())
                        .as("the Deployment sizes nothing outside paddock.jvm")
                        .doesNotContainPattern(SIZING);
            }
            long limit = mebibytes(container.path("resources").path("limits").path("memory").asText());
            long request = mebibytes(container.path("resources").path("requests").path("memory").asText());
            assertThat(limit).as("memory limit (Mi) against heap + metaspace + code cache").isGreaterThan(capped);
            assertThat(request).as("memory request (Mi)").isLessThanOrEqualTo(limit);
        }
    }

    private static List<String> options() throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(OPTIONS)) {
            int comment = line.indexOf('#');
            String text = comment >= 0 ? line.substring(0, comment) : line;
            for (String token : text.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    options.add(token);
                }
            }
        }
        return options;
    }

    /** 128m, 64M, 1g (JVM sizes) or 448Mi, 1Gi (Kubernetes quantities), in mebibytes. */
    private static long mebibytes(String size) {
        Matcher matcher = SIZE.matcher(size);
        assertThat(matcher.lookingAt()).as("a size: " + size).isTrue();
        long value = Long.parseLong(matcher.group(1));
        return switch (Character.toLowerCase(matcher.group(2).charAt(0))) {
            case 'k' -> value / 1024;
            case 'g' -> value * 1024;
            default -> value;
        };
    }
}
