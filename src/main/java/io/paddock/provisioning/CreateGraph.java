package io.paddock.provisioning;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.provisioning.ContainerPort.LogGroup;
import io.paddock.provisioning.ContainerPort.ScalableTarget;
import io.paddock.provisioning.ContainerPort.Secret;
import io.paddock.provisioning.ContainerPort.Service;
import io.paddock.provisioning.ContainerPort.TaskDefinition;
import io.paddock.provisioning.NetworkPort.IngressRule;
import io.paddock.provisioning.NetworkPort.ListenerRule;
import io.paddock.provisioning.NetworkPort.SecurityGroup;
import io.paddock.provisioning.NetworkPort.TargetGroup;
import io.paddock.provisioning.ProvisioningSteps.NewVolume;
import io.paddock.provisioning.Provisioned.SubnetRef;
import io.paddock.provisioning.Provisioned.VolumeRef;
import io.paddock.provisioning.Provisioned.VpcRef;
import io.paddock.provisioning.VolumePort.FileSystem;
import io.paddock.provisioning.VolumePort.MountTarget;
import io.smallrye.mutiny.Uni;

/**
 * A new environment's steps as a dependency graph:
 *
 * <pre>
 * security group -> ingress rules
 * target group   -> listener rule -> origin protection rules (when the routed container is protected)
 * file system    -> access points;  file system + security group -> mount targets
 * access points  -> task definition
 * log group, app-secrets store (when a container declares secrets) -> task definition
 * task definition + security group + listener rule (+ origin rules) + mount targets (available) -> service -> scalable target
 * shared security group (with cross-environment or cross-application networking) -> service
 * </pre>
 *
 * Every step starts as soon as what it needs exists, so a create takes as long as its longest chain of dependent
 * calls, and is memoized, so it runs once however many steps wait on it.
 */
@ApplicationScoped
class CreateGraph {

    @Inject ProvisioningSteps steps;
    @Inject CloudSite site;

    /** Makes everything the plan needs in {@code run}; fails once every branch has settled if any step failed. */
    Uni<Provisioned> create(EnvironmentPlan plan, Run run) {
        Workload workload = plan.workload();
        ResourceNames names = steps.names(plan);
        List<Integer> ports = workload.exposedPorts();
        List<String> volumeNames = workload.mountedVolumes();
        boolean routed = workload.routedPort() != null;
        boolean stored = !volumeNames.isEmpty();

        Uni<SecurityGroup> securityGroup = steps.createSecurityGroup(run, names);
        Uni<List<IngressRule>> ingress = securityGroup
                .chain(group -> steps.authorizeIngress(run, names, group.groupId(), ports, stored))
                .memoize().indefinitely();

        Uni<TargetGroup> targetGroup = routed ? steps.createTargetGroup(run, names, workload) : none();
        Uni<ListenerRule> listenerRule = routed
                ? targetGroup.chain(group -> steps.createRule(run, names, group)).memoize().indefinitely()
                : none();

        Uni<FileSystem> fileSystem = stored ? steps.createFileSystem(run, names) : none();
        Uni<List<VolumeRef>> accessPoints = stored
                ? fileSystem.chain(fs -> steps.createAccessPoints(run, names, fs.fileSystemId(),
                        volumeNames.stream().map(NewVolume::named).toList())).memoize().indefinitely()
                : Uni.createFrom().item(List.of());
        Uni<List<MountTarget>> mountTargets = stored
                ? Uni.combine().all().unis(fileSystem, securityGroup).collectFailures().asTuple()
                        .chain(both -> steps.createMountTargets(run, both.getItem1().fileSystemId(),
                                both.getItem2().groupId()))
                        .memoize().indefinitely()
                : Uni.createFrom().item(List.of());

        // Roots like the three above: they never lengthen the path to the task definition.
        Uni<LogGroup> logGroup = steps.createLogGroup(run, names);
        Uni<Secret> secret = workload.declaresSecrets() ? steps.createSecret(run, names) : none();

        Uni<TaskDefinition> taskDefinition = Uni.combine().all().unis(accessPoints, logGroup, secret).collectFailures().asTuple()
                .chain(needs -> steps.registerTaskDefinition(run, names, workload,
                        ProvisionedRefs.taskVolumes(workload, needs.getItem1()), needs.getItem2().logGroupName(),
                        needs.getItem3() == null ? null : needs.getItem3().secretArn()))
                .memoize().indefinitely();
        SharedGroups.Scope scope = SharedGroups.scopeOf(plan);
        Uni<String> sharedGroup = scope == null ? none() : steps.joinSharedGroup(run, scope);

        // Origin protection is in place before the service registers targets, so no request reaches it unchecked.
        List<OriginRules.OriginRule> protection = routed ? steps.originRules(workload) : List.of();
        Uni<List<ListenerRule>> originRules = protection.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.combine().all().unis(targetGroup, listenerRule).collectFailures().asTuple()
                        .chain(both -> steps.createOriginRules(run, names, both.getItem2().ruleArn(),
                                both.getItem1().targetGroupArn(), protection, Set.of()))
                        .memoize().indefinitely();

        // The service's first tasks mount the volumes: they would fail until the mount targets are available.
        Uni<Service> service = Uni.combine().all()
                .unis(taskDefinition, securityGroup, targetGroup, listenerRule, sharedGroup, originRules, mountTargets)
                .collectFailures()
                .asTuple()
                .chain(needs -> steps.createService(run, names, plan, needs.getItem1(), needs.getItem2(),
                        needs.getItem3(), needs.getItem5()))
                .memoize().indefinitely();
        Uni<ScalableTarget> scalableTarget = service
                .chain(made -> steps.registerScalableTarget(run, names, made, plan))
                .memoize().indefinitely();

        // Every step takes part, so a failure is reported only once every branch has settled.
        return Uni.combine().all()
                .unis(securityGroup, ingress, targetGroup, listenerRule, fileSystem, accessPoints, mountTargets,
                        taskDefinition, service, scalableTarget, logGroup, secret, sharedGroup, originRules)
                .collectFailures()
                .with(made -> {
                    @SuppressWarnings("unchecked")
                    List<VolumeRef> volumeRefs = (List<VolumeRef>) made.get(5);
                    @SuppressWarnings("unchecked")
                    List<MountTarget> mounts = (List<MountTarget>) made.get(6);
                    FileSystem fs = (FileSystem) made.get(4);
                    return new Provisioned(
                            ProvisionedRefs.taskDefinitionRef((TaskDefinition) made.get(7), workload),
                            ProvisionedRefs.serviceRef((Service) made.get(8)),
                            routed ? ProvisionedRefs.loadBalancerRef(names, workload, (TargetGroup) made.get(2),
                                    (ListenerRule) made.get(3)) : null,
                            ProvisionedRefs.securityGroupRef((SecurityGroup) made.get(0), ports),
                            new SubnetRef(site.subnetIds()),
                            new VpcRef(site.vpcId()),
                            fs == null ? null : ProvisionedRefs.fileSystemRef(fs, mounts),
                            volumeRefs);
                });
    }

    /** A step this environment does not take: what waits on it gets null. */
    private static <T> Uni<T> none() {
        return Uni.createFrom().nullItem();
    }
}
