package io.paddock.provisioning;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.paddock.provisioning.ContainerPort.Service;
import io.paddock.provisioning.ContainerPort.TaskDefinition;
import io.paddock.provisioning.ContainerPort.TaskVolume;
import io.paddock.provisioning.NetworkPort.ListenerRule;
import io.paddock.provisioning.NetworkPort.SecurityGroup;
import io.paddock.provisioning.NetworkPort.TargetGroup;
import io.paddock.provisioning.Provisioned.FileSystemRef;
import io.paddock.provisioning.Provisioned.LoadBalancerRef;
import io.paddock.provisioning.Provisioned.SecurityGroupRef;
import io.paddock.provisioning.Provisioned.ServiceRef;
import io.paddock.provisioning.Provisioned.TaskDefinitionRef;
import io.paddock.provisioning.Provisioned.VolumeRef;
import io.paddock.provisioning.VolumePort.AccessPoint;
import io.paddock.provisioning.VolumePort.FileSystem;
import io.paddock.provisioning.VolumePort.MountTarget;

/**
 * The provider's answers as the references an environment keeps ({@link Provisioned}'s parts), and what later calls
 * derive from those references.
 */
final class ProvisionedRefs {

    private ProvisionedRefs() {
    }

    static TaskDefinitionRef taskDefinitionRef(TaskDefinition revision, Workload workload) {
        return new TaskDefinitionRef(revision.taskDefinitionArn(), revision.family(), revision.revision(),
                workload.taskCpu() == null ? 0 : workload.taskCpu(),
                workload.taskMemory() == null ? 0 : workload.taskMemory());
    }

    static ServiceRef serviceRef(Service service) {
        return new ServiceRef(service.serviceArn(), service.serviceName(), service.clusterArn());
    }

    static LoadBalancerRef loadBalancerRef(ResourceNames names, Workload workload, TargetGroup group,
            ListenerRule rule) {
        return new LoadBalancerRef(group.targetGroupArn(), rule.ruleArn(), names.hostname(),
                workload.routedContainer().name(), workload.routedPort());
    }

    static SecurityGroupRef securityGroupRef(SecurityGroup group, List<Integer> ingressPorts) {
        return new SecurityGroupRef(group.groupId(), group.groupName(), ingressPorts);
    }

    static FileSystemRef fileSystemRef(FileSystem fs, List<MountTarget> mounts) {
        return new FileSystemRef(fs.fileSystemId(), fs.fileSystemArn(),
                mounts.stream().map(MountTarget::mountTargetId).toList());
    }

    static VolumeRef volumeRef(String name, String description, AccessPoint point) {
        OffsetDateTime created = point.createdAt() == null ? OffsetDateTime.now() : point.createdAt();
        return new VolumeRef(name, description, point.rootDirectory(), point.fileSystemId(), point.accessPointId(),
                point.accessPointArn(), created);
    }

    /** The task's volumes: each volume the workload mounts, on its access point. */
    static List<TaskVolume> taskVolumes(Workload workload, List<VolumeRef> made) {
        List<TaskVolume> result = new ArrayList<>();
        for (String name : workload.mountedVolumes()) {
            made.stream()
                    .filter(volume -> volume.volumeName().equals(name))
                    .findFirst()
                    .ifPresent(volume -> result.add(new TaskVolume(name, volume.fileSystemId(), volume.accessPointId())));
        }
        return result;
    }

    /** Application Auto Scaling's name for the service: {@code service/<cluster name>/<service name>}. */
    static String scalableResourceId(ServiceRef service) {
        String cluster = service.cluster().substring(service.cluster().lastIndexOf('/') + 1);
        return "service/" + cluster + "/" + service.name();
    }

    /**
     * ALBRequestCountPerTarget's label: {@code app/<load-balancer>/<id>/targetgroup/<name>/<id>}, from the listener's
     * ARN ({@code ...:listener/app/<load-balancer>/<id>/<listener id>}) and the target group's
     * ({@code ...:targetgroup/<name>/<id>}).
     */
    static String resourceLabel(String listenerArn, LoadBalancerRef loadBalancer) {
        String listener = listenerArn.substring(listenerArn.indexOf(":listener/") + ":listener/".length());
        String balancer = listener.substring(0, listener.lastIndexOf('/'));
        String targetGroupArn = loadBalancer.targetGroupArn();
        return balancer + "/" + targetGroupArn.substring(targetGroupArn.indexOf(":targetgroup/") + 1);
    }
}
