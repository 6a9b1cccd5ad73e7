package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an environment runs: the containers of one task, the task's size and its capacity. Provisioning's own
 * description, so that no adapter depends on how an API spells it; the environments feature maps its compose to
 * this in one place.
 *
 * <p>Part of the JSON a task definition's digest is computed from, so registered for reflection (with its nested
 * records) for the native image. Its JSON is the compose's, property for property: revisions registered before this
 * description existed keep their digest, and a redeploy that changes nothing registers nothing. It also carries what
 * is not part of the task definition: {@code spotConfiguration} (the service's capacity, {@link SpotCapacity}),
 * {@code enableCrossEnvNetworking} and {@code enableCrossAppNetworking} (its shared security group,
 * {@link SharedGroups}), and each container's {@code originProtection} and {@code originProtectionConfig} (listener
 * rules, {@link OriginRules}); a change to any of them makes a new revision and a roll-out that applies it.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Workload(
        List<Container> containers,
        String architecture,
        Integer taskCpu,
        Integer taskMemory,
        String taskRoleArn,
        Integer minCapacity,
        Integer maxCapacity,
        SpotConfiguration spotConfiguration,
        Boolean enableCrossEnvNetworking,
        Boolean enableCrossAppNetworking) {

    /** Every distinct volume name the containers mount, in order of first use. */
    @JsonIgnore
    public List<String> mountedVolumes() {
        List<String> names = new ArrayList<>();
        for (Container container : containersOrNone()) {
            if (container.mountPoints() != null) {
                for (MountPoint mount : container.mountPoints()) {
                    if (mount.sourceVolume() != null && !names.contains(mount.sourceVolume())) {
                        names.add(mount.sourceVolume());
                    }
                }
            }
        }
        return names;
    }

    /** The first container that exposes a port: the one the load balancer routes to; null when none does. */
    @JsonIgnore
    public Container routedContainer() {
        for (Container container : containersOrNone()) {
            if (container.exposedPorts() != null && !container.exposedPorts().isEmpty()) {
                return container;
            }
        }
        return null;
    }

    /** The routed container's first exposed port; null when no container exposes one. */
    @JsonIgnore
    public Integer routedPort() {
        Container routed = routedContainer();
        return routed == null ? null : routed.exposedPorts().get(0);
    }

    /** Every distinct port a container exposes, in order of first use. */
    @JsonIgnore
    public List<Integer> exposedPorts() {
        Set<Integer> ports = new LinkedHashSet<>();
        for (Container container : containersOrNone()) {
            if (container.exposedPorts() != null) {
                ports.addAll(container.exposedPorts());
            }
        }
        return List.copyOf(ports);
    }

    /** Whether a container takes secrets from the environment's app-secrets store. */
    @JsonIgnore
    public boolean declaresSecrets() {
        return containersOrNone().stream()
                .anyMatch(container -> container.secrets() != null && !container.secrets().isEmpty());
    }

    private List<Container> containersOrNone() {
        return containers == null ? List.of() : containers;
    }

    /** One container. {@code essential} is resolved; the other optional fields are null when not set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Container(
            String name,
            ImageReference imageReference,
            Integer cpu,
            Integer memory,
            Integer memoryReservation,
            List<Integer> exposedPorts,
            List<MountPoint> mountPoints,
            List<EnvironmentVariable> environment,
            List<SecretReference> secrets,
            HealthCheck healthCheck,
            List<DependsOn> dependsOn,
            List<String> command,
            List<String> entryPoint,
            String workingDirectory,
            boolean essential,
            Boolean readonlyRootFilesystem,
            String user,
            Boolean originProtection,
            OriginProtectionConfig originProtectionConfig) {
    }

    /**
     * The image as the caller named it: {@code internal}, a tag of the application's own repository, which the
     * provider resolves against its registry; {@code external}, a full image name.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageReference(String type, String identifier) {

        public static final String INTERNAL = "internal";

        @JsonIgnore
        public boolean isInternal() {
            return INTERNAL.equals(type);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MountPoint(String sourceVolume, String containerPath, Boolean readOnly) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnvironmentVariable(String name, String value) {
    }

    /** {@code valueFrom} is a key of the environment's app-secrets store. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecretReference(String name, String valueFrom) {
    }

    /** Its timing is resolved (interval, timeout, retries); {@code startPeriod} is null when not set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HealthCheck(List<String> command, int interval, int timeout, int retries, Integer startPeriod) {
    }

    /** {@code condition} is ECS's (START, HEALTHY, COMPLETE, SUCCESS); null means START. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DependsOn(String containerName, String condition) {
    }

    /** Who may reach the container besides the CDN: {@code ipAllow} CIDRs; others are redirected to {@code redirectHost}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OriginProtectionConfig(Boolean enabled, List<String> ipAllow, String redirectHost) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpotConfiguration(String strategy) {
    }
}
