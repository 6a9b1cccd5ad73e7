package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.environments.Compose;
import io.paddock.environments.Compose.Container;
import io.paddock.environments.Compose.DependsOn;
import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.environments.Compose.HealthCheck;
import io.paddock.environments.Compose.ImageReference;
import io.paddock.environments.Compose.MountPoint;
import io.paddock.environments.Compose.OriginProtectionConfig;
import io.paddock.environments.Compose.SecretReference;
import io.paddock.environments.Compose.SpotConfiguration;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A task definition's digest is computed from the workload's JSON; it was computed from the compose's. The two must
 * stay the same, or every environment registers a new revision on its next redeploy.
 */
@QuarkusTest
class WorkloadJsonTest {

    @Inject
    ObjectMapper json;

    @Test
    void serialisesAsTheComposeItIsMappedFrom() throws Exception {
        Container app = new Container("app", new ImageReference("internal", "v1.2.3"), 256, 512, 256, List.of(8080, 9090),
                List.of(new MountPoint("files", "/var/www/files", true), new MountPoint("cache", "/tmp/cache", null)),
                List.of(new EnvironmentVariable("MODE", "production"), new EnvironmentVariable("EMPTY", "")),
                List.of(new SecretReference("DB_PASSWORD", "db_password")),
                new HealthCheck(List.of("CMD-SHELL", "curl -f http://localhost:8080/health"), 10, null, 4, 20),
                List.of(new DependsOn("sidecar", "HEALTHY"), new DependsOn("init", null)),
                List.of("serve", "--port", "8080"), List.of("/entrypoint.sh"), "/srv", null, true, "1000:1000", true,
                new OriginProtectionConfig(true, List.of("203.0.113.0/24", "2001:db8::/32"), "www.example.com"));
        Container sidecar = new Container("sidecar", new ImageReference("external", "public.ecr.aws/nginx/nginx:1.27"),
                null, null, null, null, null, null, null, null, null, null, null, null, false, null, null, null,
                new OriginProtectionConfig(null, null, null));
        Compose compose = new Compose(List.of(app, sidecar), "ARM64", 1024, 2048, "arn:aws:iam::123456789012:role/app", 2,
                5, new SpotConfiguration("mixed-safe"), false, true).withDefaults();
        List<ContainerPort.TaskVolume> volumes = List.of(new ContainerPort.TaskVolume("files", "fs-1", "fsap-1"));

        Workload workload = Plans.plan(compose).workload();

        assertEquals(json.writeValueAsString(List.of("acme-shop-dev-1a2b3c4d", compose, volumes)),
                json.writeValueAsString(List.of("acme-shop-dev-1a2b3c4d", workload, volumes)));
    }

    @Test
    void leavesOutWhatTheComposeLeavesOut() throws Exception {
        Compose compose = Plans.compose("busybox:1.36", null, List.of()).withDefaults();

        assertEquals(json.writeValueAsString(compose), json.writeValueAsString(Plans.plan(compose).workload()));
    }

    @Test
    void hasTheComposesPropertiesInTheComposesOrder() {
        assertEquals(components(Compose.class), components(Workload.class));
        assertEquals(components(Compose.Container.class), components(Workload.Container.class));
        assertEquals(components(Compose.ImageReference.class), components(Workload.ImageReference.class));
        assertEquals(components(Compose.MountPoint.class), components(Workload.MountPoint.class));
        assertEquals(components(Compose.EnvironmentVariable.class), components(Workload.EnvironmentVariable.class));
        assertEquals(components(Compose.SecretReference.class), components(Workload.SecretReference.class));
        assertEquals(components(Compose.HealthCheck.class), components(Workload.HealthCheck.class));
        assertEquals(components(Compose.DependsOn.class), components(Workload.DependsOn.class));
        assertEquals(components(Compose.SpotConfiguration.class), components(Workload.SpotConfiguration.class));
        assertEquals(components(Compose.OriginProtectionConfig.class), components(Workload.OriginProtectionConfig.class));
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
