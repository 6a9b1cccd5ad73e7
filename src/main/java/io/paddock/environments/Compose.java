package io.paddock.environments;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A compose definition: the containers of one environment's task and the task's size and capacity, as
 * Quant Cloud's v3 API defines it. The same records are the request body and what Paddock stores (after
 * {@link #withDefaults()} and compose validation); provisioning receives its own {@code Workload}, mapped from it
 * in {@link ProvisioningPlans}. Registered for
 * reflection, with its nested records, because it is also stored as JSON and read back by the ObjectMapper
 * outside any resource signature, which the native image does not see by itself.
 */
@RegisterForReflection
@Schema(name = "Compose")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Compose(
        List<@Valid @NotNull(message = "must be a container object, not null") Container> containers,
        @Schema(description = "CPU architecture", enumeration = { "X86_64", "ARM64" }, defaultValue = "X86_64")
        @Pattern(regexp = "X86_64|ARM64", message = "must be X86_64 or ARM64") String architecture,
        @Schema(description = "Task-level CPU units (256, 512, 1024, 2048, 4096, 8192, 16384); when absent, the smallest Fargate size that holds the containers")
        Integer taskCpu,
        @Schema(description = "Task-level memory in MiB; must form a valid Fargate pair with taskCpu")
        Integer taskMemory,
        @Schema(description = "IAM role the task's containers assume") String taskRoleArn,
        @Schema(description = "Minimum number of tasks") Integer minCapacity,
        @Schema(description = "Maximum number of tasks") Integer maxCapacity,
        @Valid SpotConfiguration spotConfiguration,
        @Schema(description = "Let the environments of this application that set it reach each other: their tasks "
                + "share a security group open to its members (overridden by enableCrossAppNetworking). False: the "
                + "environment's tasks stay isolated in their own security group",
                defaultValue = "false", nullable = true)
        Boolean enableCrossEnvNetworking,
        @Schema(description = "Let the environments of this organisation that set it reach each other, whatever their "
                + "application: their tasks share a security group open to its members. False: enableCrossEnvNetworking "
                + "decides",
                defaultValue = "false", nullable = true)
        Boolean enableCrossAppNetworking) {

    public static final String X86_64 = "X86_64";

    /** The compose with the defaults the contract states applied (essential, health check, architecture). */
    public Compose withDefaults() {
        List<Container> defaulted = new ArrayList<>();
        if (containers != null) {
            for (Container c : containers) {
                defaulted.add(c.withDefaults());
            }
        }
        return new Compose(defaulted, architecture == null ? X86_64 : architecture, taskCpu, taskMemory, taskRoleArn,
                minCapacity, maxCapacity, spotConfiguration, enableCrossEnvNetworking, enableCrossAppNetworking);
    }

    public Compose withContainers(List<Container> newContainers) {
        return new Compose(newContainers, architecture, taskCpu, taskMemory, taskRoleArn, minCapacity, maxCapacity,
                spotConfiguration, enableCrossEnvNetworking, enableCrossAppNetworking);
    }

    public Compose withTaskSize(Integer cpu, Integer memory) {
        return new Compose(containers, architecture, cpu, memory, taskRoleArn, minCapacity, maxCapacity, spotConfiguration,
                enableCrossEnvNetworking, enableCrossAppNetworking);
    }

    public Compose withCapacity(Integer min, Integer max) {
        return new Compose(containers, architecture, taskCpu, taskMemory, taskRoleArn, min, max, spotConfiguration,
                enableCrossEnvNetworking, enableCrossAppNetworking);
    }

    public Compose withSpotConfiguration(SpotConfiguration spot) {
        return new Compose(containers, architecture, taskCpu, taskMemory, taskRoleArn, minCapacity, maxCapacity, spot,
                enableCrossEnvNetworking, enableCrossAppNetworking);
    }

    /** Whether a container mounts the volume. */
    @JsonIgnore
    public boolean mounts(String volumeName) {
        return containers != null && containers.stream()
                .filter(c -> c.mountPoints() != null)
                .flatMap(c -> c.mountPoints().stream())
                .anyMatch(m -> volumeName.equals(m.sourceVolume()));
    }

    @Schema(name = "Container")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Container(
            @Schema(description = "Name of the container", pattern = "^[a-zA-Z0-9_-]+$")
            @NotNull(message = "is required; send the container's name")
            @Pattern(regexp = "^[a-zA-Z0-9_-]+$", message = "must contain only letters, digits, _ and -")
            @Size(max = 255, message = "must be at most 255 characters (ECS's limit for container names)") String name,
            @NotNull(message = "is required; send {\"type\": \"internal\"|\"external\", \"identifier\": \"...\"}")
            @Valid ImageReference imageReference,
            @Schema(description = "Container-level CPU units", nullable = true)
            @Positive(message = "must be a positive number of CPU units") Integer cpu,
            @Schema(description = "Container-level memory hard limit (MiB)", nullable = true)
            @Positive(message = "must be a positive number of MiB") Integer memory,
            @Schema(description = "Container-level memory soft limit (MiB)", nullable = true)
            @Positive(message = "must be a positive number of MiB") Integer memoryReservation,
            @Schema(description = "List of container ports to expose", nullable = true)
            List<@NotNull(message = "must be a port number, not null")
                 @Min(value = 1, message = "must be a port from 1 to 65535")
                 @Max(value = 65535, message = "must be a port from 1 to 65535") Integer> exposedPorts,
            @Schema(nullable = true)
            List<@Valid @NotNull(message = "must be a mount point object, not null") MountPoint> mountPoints,
            @Schema(description = "Environment variables specific to this container", nullable = true)
            List<@Valid @NotNull(message = "must be an object with name and value, not null") EnvironmentVariable> environment,
            @Schema(description = "Secrets mapped to environment variables", nullable = true)
            List<@Valid @NotNull(message = "must be an object with name and valueFrom, not null") SecretReference> secrets,
            @Schema(description = "Container health check configuration", nullable = true)
            @Valid HealthCheck healthCheck,
            @Schema(description = "Container startup dependencies", nullable = true)
            List<@Valid @NotNull(message = "must be an object with containerName, not null") DependsOn> dependsOn,
            @Schema(nullable = true) List<@NotNull(message = "must be a string, not null") String> command,
            @Schema(nullable = true) List<@NotNull(message = "must be a string, not null") String> entryPoint,
            @Schema(nullable = true) String workingDirectory,
            @Schema(defaultValue = "true", nullable = true) Boolean essential,
            @Schema(defaultValue = "false", nullable = true) Boolean readonlyRootFilesystem,
            @Schema(nullable = true) String user,
            @Schema(description = "Enable origin protection for all exposed ports on this container. Stored and "
                    + "returned; not applied yet", defaultValue = "false", nullable = true)
            Boolean originProtection,
            @Valid OriginProtectionConfig originProtectionConfig) {

        public Container withDefaults() {
            return new Container(name, imageReference, cpu, memory, memoryReservation, exposedPorts, mountPoints,
                    environment, secrets, healthCheck == null ? null : healthCheck.withDefaults(), dependsOn, command,
                    entryPoint, workingDirectory, essential == null ? Boolean.TRUE : essential,
                    readonlyRootFilesystem == null ? Boolean.FALSE : readonlyRootFilesystem, user,
                    originProtection == null ? Boolean.FALSE : originProtection, originProtectionConfig);
        }

        public Container withImage(ImageReference image) {
            return new Container(name, image, cpu, memory, memoryReservation, exposedPorts, mountPoints, environment,
                    secrets, healthCheck, dependsOn, command, entryPoint, workingDirectory, essential,
                    readonlyRootFilesystem, user, originProtection, originProtectionConfig);
        }

        @JsonIgnore
        public boolean isEssential() {
            return essential == null || essential;
        }
    }

    @Schema(name = "ImageReference")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageReference(
            @Schema(description = "internal: an image of the application's own registry, identified by tag; external: a full image name",
                    enumeration = { "internal", "external" })
            @NotNull(message = "is required; send internal or external")
            @Pattern(regexp = "internal|external", message = "must be internal or external") String type,
            @Schema(description = "For internal images the image tag; for external images the full image name")
            @NotBlank(message = "is required; send the image tag (internal) or the full image name (external)") String identifier) {

        public static final String INTERNAL = "internal";

        @JsonIgnore
        public boolean isInternal() {
            return INTERNAL.equals(type);
        }
    }

    @Schema(name = "MountPoint")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MountPoint(
            @Schema(description = "The name of the logical volume")
            @NotBlank(message = "is required; send the name of the volume to mount")
            @Pattern(regexp = "^[a-zA-Z0-9_-]{1,63}$", message = "must be a volume name: 1-63 letters, digits, _ or -") String sourceVolume,
            @Schema(description = "The absolute path inside the container where the volume is mounted")
            @NotBlank(message = "is required; send an absolute path such as /var/www/files") String containerPath,
            @Schema(defaultValue = "false") Boolean readOnly) {
    }

    @Schema(name = "EnvironmentVariable")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnvironmentVariable(
            @NotBlank(message = "is required; send the variable's name") String name,
            @NotNull(message = "is required; send the variable's value (an empty string is allowed)") String value) {
    }

    @Schema(name = "SecretReference")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecretReference(
            @Schema(description = "The environment variable name to be set in the container")
            @NotBlank(message = "is required; send the environment variable's name") String name,
            @Schema(description = "The key of the secret in the environment's 'app-secrets' store")
            @NotBlank(message = "is required; send the key of the secret in the environment's app-secrets store") String valueFrom) {
    }

    @Schema(name = "HealthCheck")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HealthCheck(
            @Schema(description = "The command to run to determine if the container is healthy")
            List<@NotNull(message = "must be a string, not null") String> command,
            @Schema(defaultValue = "30", minimum = "5", maximum = "300")
            @Min(value = 5, message = "must be from 5 to 300 seconds") @Max(value = 300, message = "must be from 5 to 300 seconds") Integer interval,
            @Schema(defaultValue = "5", minimum = "2", maximum = "60")
            @Min(value = 2, message = "must be from 2 to 60 seconds") @Max(value = 60, message = "must be from 2 to 60 seconds") Integer timeout,
            @Schema(defaultValue = "3", minimum = "1", maximum = "10")
            @Min(value = 1, message = "must be from 1 to 10") @Max(value = 10, message = "must be from 1 to 10") Integer retries,
            @Schema(minimum = "0", maximum = "300", nullable = true)
            @Min(value = 0, message = "must be from 0 to 300 seconds") @Max(value = 300, message = "must be from 0 to 300 seconds") Integer startPeriod) {

        public HealthCheck withDefaults() {
            return new HealthCheck(command, interval == null ? 30 : interval, timeout == null ? 5 : timeout,
                    retries == null ? 3 : retries, startPeriod);
        }
    }

    @Schema(name = "DependsOn")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DependsOn(
            @NotBlank(message = "is required; send the name of another container of this compose") String containerName,
            @Schema(enumeration = { "START", "HEALTHY", "COMPLETE", "SUCCESS" })
            @Pattern(regexp = "START|HEALTHY|COMPLETE|SUCCESS", message = "must be one of START, HEALTHY, COMPLETE, SUCCESS") String condition) {
    }

    @Schema(name = "OriginProtectionConfig", nullable = true, description = "Origin protection with an IP allow list: "
            + "only the CDN's requests (and those from ipAllow) reach the container; others get 403, or a 302 to "
            + "redirectHost (path and query kept). Enforced by listener rules on the shared load balancer; the CDN's "
            + "requests are those carrying the origin header Paddock is configured with")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OriginProtectionConfig(
            @Schema(description = "Whether origin protection is enabled; true when the object is sent without it",
                    defaultValue = "true") Boolean enabled,
            @Schema(description = "IP addresses or CIDR ranges that may reach the container directly (e.g. a VPN's), "
                    + "IPv4 or IPv6", nullable = true, maxItems = OriginProtectionConfig.IP_ALLOW_MAX)
            @Size(max = OriginProtectionConfig.IP_ALLOW_MAX, message = "must list at most 100 addresses or ranges")
            List<@NotNull(message = "must be an IP address or CIDR range, not null") String> ipAllow,
            @Schema(description = "A bare host name (e.g. www.example.com): refused requests are redirected (302) to "
                    + "https://<redirectHost> with their path and query instead of answered 403", nullable = true)
            String redirectHost) {

        static final int IP_ALLOW_MAX = 100;
    }

    @Schema(name = "SpotConfiguration", description = "Spot capacity strategy: the ECS service's capacity provider strategy. off: launch type FARGATE;"
            + " spot-only: FARGATE_SPOT; mixed-safe: FARGATE and FARGATE_SPOT weighted 1:1 (50 % Spot); mixed-aggressive:"
            + " 1:4 (80 % Spot). A mixed strategy needs minCapacity of 2 or more.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpotConfiguration(
            @Schema(enumeration = { "off", "spot-only", "mixed-safe", "mixed-aggressive" }, defaultValue = "spot-only")
            @Pattern(regexp = "off|spot-only|mixed-safe|mixed-aggressive",
                    message = "must be one of off, spot-only, mixed-safe, mixed-aggressive") String strategy) {
    }
}
