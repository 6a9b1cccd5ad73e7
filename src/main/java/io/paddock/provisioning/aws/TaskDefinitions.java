package io.paddock.provisioning.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paddock.provisioning.ContainerPort.RegisterTaskDefinition;
import io.paddock.provisioning.ContainerPort.TaskVolume;
import io.paddock.provisioning.ResourceTags;
import io.paddock.provisioning.Workload;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.EFSAuthorizationConfigIAM;
import software.amazon.awssdk.services.ecs.model.EFSTransitEncryption;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * A workload as an ECS task definition: Fargate, awsvpc, every container field mapped, each volume an EFS
 * access point mounted with IAM authorisation and encryption in transit, every container logging to the
 * environment's log group, every secret a JSON key of the environment's app-secrets store.
 */
final class TaskDefinitions {

    private TaskDefinitions() {
    }

    static RegisterTaskDefinitionRequest request(RegisterTaskDefinition request, AwsSettings settings) {
        Workload workload = request.workload();
        String taskRole = workload.taskRoleArn() != null && !workload.taskRoleArn().isBlank()
                ? workload.taskRoleArn()
                : settings.taskRoleArn().orElse(null);
        List<ContainerDefinition> containers = new ArrayList<>();
        for (Workload.Container container : workload.containers()) {
            containers.add(container(container, request, settings));
        }
        return RegisterTaskDefinitionRequest.builder()
                .family(request.family())
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu(String.valueOf(workload.taskCpu()))
                .memory(String.valueOf(workload.taskMemory()))
                .runtimePlatform(platform -> platform
                        .cpuArchitecture(workload.architecture() == null
                                ? CPUArchitecture.X86_64 : CPUArchitecture.fromValue(workload.architecture()))
                        .operatingSystemFamily(OSFamily.LINUX))
                .executionRoleArn(settings.executionRoleArn())
                .taskRoleArn(taskRole)
                .containerDefinitions(containers)
                .volumes(request.volumes().stream().map(TaskDefinitions::volume).toList())
                .tags(AwsTags.of(request.tags(), (key, value) -> Tag.builder().key(key).value(value).build()))
                .build();
    }

    private static ContainerDefinition container(Workload.Container container, RegisterTaskDefinition request,
            AwsSettings settings) {
        ContainerDefinition.Builder definition = ContainerDefinition.builder()
                .name(container.name())
                .image(image(container.imageReference(), request.tags(), settings))
                .cpu(container.cpu())
                .memory(container.memory())
                .memoryReservation(container.memoryReservation())
                .essential(container.essential())
                .readonlyRootFilesystem(container.readonlyRootFilesystem())
                .user(container.user())
                .workingDirectory(container.workingDirectory())
                .command(container.command())
                .entryPoint(container.entryPoint())
                .logConfiguration(log -> log
                        .logDriver(LogDriver.AWSLOGS)
                        .options(logOptions(request.logGroup(), settings.region(), container.name())));
        if (container.exposedPorts() != null) {
            definition.portMappings(container.exposedPorts().stream()
                    .map(port -> PortMapping.builder().containerPort(port).protocol(TransportProtocol.TCP).build())
                    .toList());
        }
        if (container.mountPoints() != null) {
            definition.mountPoints(container.mountPoints().stream()
                    .map(mount -> MountPoint.builder()
                            .sourceVolume(mount.sourceVolume())
                            .containerPath(mount.containerPath())
                            .readOnly(Boolean.TRUE.equals(mount.readOnly()))
                            .build())
                    .toList());
        }
        if (container.environment() != null) {
            definition.environment(container.environment().stream()
                    .map(variable -> KeyValuePair.builder().name(variable.name()).value(variable.value()).build())
                    .toList());
        }
        if (container.secrets() != null && !container.secrets().isEmpty()) {
            if (request.secretArn() == null) {
                throw new IllegalArgumentException("container " + container.name()
                        + " declares secrets but the environment has no app-secrets store");
            }
            definition.secrets(container.secrets().stream()
                    .map(secret -> Secret.builder()
                            .name(secret.name())
                            .valueFrom(request.secretArn() + ":" + secret.valueFrom() + "::")
                            .build())
                    .toList());
        }
        if (container.healthCheck() != null && container.healthCheck().command() != null) {
            Workload.HealthCheck check = container.healthCheck();
            definition.healthCheck(HealthCheck.builder()
                    .command(check.command())
                    .interval(check.interval())
                    .timeout(check.timeout())
                    .retries(check.retries())
                    .startPeriod(check.startPeriod())
                    .build());
        }
        if (container.dependsOn() != null) {
            definition.dependsOn(container.dependsOn().stream()
                    .map(dependency -> ContainerDependency.builder()
                            .containerName(dependency.containerName())
                            .condition(ContainerCondition.fromValue(dependency.condition() == null
                                    ? "START" : dependency.condition()))
                            .build())
                    .toList());
        }
        return definition.build();
    }

    /** Internal images live in the application's repository of the configured registry. */
    static String image(Workload.ImageReference image, Map<String, String> tags, AwsSettings settings) {
        if (!image.isInternal()) {
            return image.identifier();
        }
        return settings.imageRegistry() + "/" + tags.get(ResourceTags.ORGANISATION) + "/" + tags.get(ResourceTags.APPLICATION)
                + ":" + image.identifier();
    }

    private static Map<String, String> logOptions(String logGroup, String region, String containerName) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("awslogs-group", logGroup);
        options.put("awslogs-region", region);
        options.put("awslogs-stream-prefix", containerName);
        return options;
    }

    private static Volume volume(TaskVolume volume) {
        return Volume.builder()
                .name(volume.name())
                .efsVolumeConfiguration(efs -> efs
                        .fileSystemId(volume.fileSystemId())
                        .transitEncryption(EFSTransitEncryption.ENABLED)
                        .authorizationConfig(auth -> auth
                                .accessPointId(volume.accessPointId())
                                .iam(EFSAuthorizationConfigIAM.ENABLED)))
                .build();
    }
}
