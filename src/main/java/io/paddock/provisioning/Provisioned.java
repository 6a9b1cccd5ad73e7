package io.paddock.provisioning;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a provider made for one environment. Each part is also a resource object of the environment body
 * (Quant's taskDefinition, service, loadBalancer, securityGroup, subnet, vpc, volumes). Stored as JSON and
 * read back by the ObjectMapper, so registered for reflection (with its nested records) for the native image.
 */
@RegisterForReflection
public record Provisioned(
        TaskDefinitionRef taskDefinition,
        ServiceRef service,
        LoadBalancerRef loadBalancer,
        SecurityGroupRef securityGroup,
        SubnetRef subnet,
        VpcRef vpc,
        FileSystemRef fileSystem,
        List<VolumeRef> volumes) {

    /** The same references, with the service running another revision. */
    public Provisioned withTaskDefinition(TaskDefinitionRef revision) {
        return new Provisioned(revision, service, loadBalancer, securityGroup, subnet, vpc, fileSystem, volumes);
    }

    /** The same references, with this file system and these volumes. */
    public Provisioned withVolumes(FileSystemRef newFileSystem, List<VolumeRef> newVolumes) {
        return new Provisioned(taskDefinition, service, loadBalancer, securityGroup, subnet, vpc, newFileSystem,
                newVolumes);
    }

    @Schema(name = "TaskDefinition", description = "The ECS task definition revision the service runs")
    public record TaskDefinitionRef(
            @Schema(examples = "arn:aws:ecs:eu-west-1:123456789012:task-definition/acme-shop-dev-1a2b3c4d:1") String arn,
            String family,
            int revision,
            @Schema(description = "Task CPU units") int cpu,
            @Schema(description = "Task memory (MiB)") int memory) {
    }

    @Schema(name = "Service", description = "The ECS service")
    public record ServiceRef(String arn, String name, @Schema(description = "Cluster ARN") String cluster) {
    }

    @Schema(name = "LoadBalancer", description = "Routing from the shared load balancer; null when no container exposes a port")
    public record LoadBalancerRef(
            String targetGroupArn,
            String listenerRuleArn,
            @Schema(description = "The host name the environment answers on", examples = "dev.shop.acme.apps.example.com") String hostname,
            String containerName,
            int containerPort) {
    }

    @Schema(name = "SecurityGroup")
    public record SecurityGroupRef(String id, String name, @Schema(description = "Ports opened to the load balancer") List<Integer> ingressPorts) {
    }

    @Schema(name = "Subnet", description = "The subnets the service's tasks run in")
    public record SubnetRef(List<String> ids) {
    }

    @Schema(name = "Vpc")
    public record VpcRef(String id) {
    }

    @Schema(name = "FileSystem", description = "The environment's EFS file system; null when it has no volumes")
    public record FileSystemRef(String id, String arn, List<String> mountTargetIds) {
    }

    /** One volume: an access point on the environment's file system. */
    public record VolumeRef(
            String volumeName,
            String description,
            String rootDirectory,
            String fileSystemId,
            String accessPointId,
            String accessPointArn,
            OffsetDateTime createdAt) {
    }
}
