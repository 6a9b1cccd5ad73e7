package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.ContainerPort.CreateLogGroup;
import io.paddock.provisioning.ContainerPort.CreateSecret;
import io.paddock.provisioning.ContainerPort.CreateService;
import io.paddock.provisioning.ContainerPort.LoadBalancer;
import io.paddock.provisioning.ContainerPort.LogGroup;
import io.paddock.provisioning.ContainerPort.RegisterScalableTarget;
import io.paddock.provisioning.ContainerPort.RegisterTaskDefinition;
import io.paddock.provisioning.ContainerPort.ScalableTarget;
import io.paddock.provisioning.ContainerPort.Secret;
import io.paddock.provisioning.ContainerPort.Service;
import io.paddock.provisioning.ContainerPort.TaskDefinition;
import io.paddock.provisioning.ContainerPort.TaskVolume;
import io.paddock.provisioning.NetworkPort.AuthorizeSecurityGroupIngress;
import io.paddock.provisioning.NetworkPort.CreateRule;
import io.paddock.provisioning.NetworkPort.CreateSecurityGroup;
import io.paddock.provisioning.NetworkPort.CreateTargetGroup;
import io.paddock.provisioning.NetworkPort.IngressRule;
import io.paddock.provisioning.NetworkPort.ListenerRule;
import io.paddock.provisioning.NetworkPort.SecurityGroup;
import io.paddock.provisioning.NetworkPort.TargetGroup;
import io.paddock.provisioning.Provisioned.VolumeRef;
import io.paddock.provisioning.VolumePort.AccessPoint;
import io.paddock.provisioning.VolumePort.CreateAccessPoint;
import io.paddock.provisioning.VolumePort.CreateFileSystem;
import io.paddock.provisioning.VolumePort.CreateMountTarget;
import io.paddock.provisioning.VolumePort.FileSystem;
import io.paddock.provisioning.VolumePort.MountTarget;
import io.smallrye.mutiny.Uni;

/**
 * The steps environments are made of: each makes one resource (or one per subnet, port or volume) with one provider
 * call through the run, which writes it to the ledger the moment the call returns. {@link CreateGraph} wires them
 * for a new environment; {@link RollOuts} takes the ones a change to a running environment needs.
 */
@ApplicationScoped
class ProvisioningSteps {

    private static final int NFS_PORT = 2049;

    @Inject NetworkPort network;
    @Inject VolumePort volumes;
    @Inject ContainerPort containers;
    @Inject CloudSite site;
    @Inject ObjectMapper json;
    @Inject SharedGroups sharedGroups;
    @Inject OriginRulePort originRules;
    @Inject PaddockConfig config;

    /** A volume to make: an access point rooted at {@code rootDirectory}, by default {@code /<the name, sanitised>}. */
    record NewVolume(String name, String description, String rootDirectory) {

        NewVolume {
            rootDirectory = rootDirectory == null ? "/" + ResourceNames.sanitise(name) : rootDirectory;
        }

        static NewVolume named(String name) {
            return new NewVolume(name, null, null);
        }
    }

    ResourceNames names(EnvironmentPlan plan) {
        return ResourceNames.of(plan, site.baseDomain());
    }

    Uni<SecurityGroup> createSecurityGroup(Run run, ResourceNames names) {
        return run.create(CloudOperation.CREATE_SECURITY_GROUP,
                () -> network.createSecurityGroup(new CreateSecurityGroup(names.securityGroup(),
                        "Paddock environment " + names.hostname(), site.vpcId(), names.tags())),
                group -> LedgerEntry.of(run.environmentId(), ResourceKind.SECURITY_GROUP, group.groupId(), null,
                        group.groupName()));
    }

    /** One rule per exposed port from the load balancer, and NFS from the group itself when there are volumes. */
    Uni<List<IngressRule>> authorizeIngress(Run run, ResourceNames names, String groupId, List<Integer> ports,
            boolean nfs) {
        List<Uni<IngressRule>> rules = new ArrayList<>();
        for (int port : ports) {
            rules.add(authorize(run, names, groupId, port, site.loadBalancerSecurityGroupId(), "load balancer"));
        }
        if (nfs) {
            rules.add(authorizeNfs(run, names, groupId));
        }
        return all(rules);
    }

    /** NFS from the group itself: the tasks and the file system's mount targets share it. */
    Uni<IngressRule> authorizeNfs(Run run, ResourceNames names, String groupId) {
        return authorize(run, names, groupId, NFS_PORT, groupId, "NFS for the environment's volumes");
    }

    private Uni<IngressRule> authorize(Run run, ResourceNames names, String groupId, int port, String source,
            String description) {
        return run.create(CloudOperation.AUTHORIZE_SECURITY_GROUP_INGRESS,
                () -> network.authorizeSecurityGroupIngress(new AuthorizeSecurityGroupIngress(groupId, port, source,
                        description, names.tags())),
                rule -> LedgerEntry.of(run.environmentId(), ResourceKind.SECURITY_GROUP_INGRESS,
                        rule.securityGroupRuleId(), groupId, "tcp/" + port));
    }

    /** Health-checked as the routed container is, on its port. */
    Uni<TargetGroup> createTargetGroup(Run run, ResourceNames names, Workload workload) {
        Workload.Container routed = workload.routedContainer();
        return run.create(CloudOperation.CREATE_TARGET_GROUP,
                () -> network.createTargetGroup(new CreateTargetGroup(names.targetGroup(), workload.routedPort(),
                        site.vpcId(), routed.healthCheck(), names.tags())),
                group -> LedgerEntry.of(run.environmentId(), ResourceKind.TARGET_GROUP, group.targetGroupArn(), null,
                        group.name()));
    }

    Uni<ListenerRule> createRule(Run run, ResourceNames names, TargetGroup group) {
        return run.create(CloudOperation.CREATE_RULE,
                () -> network.createRule(new CreateRule(site.listenerArn(),
                        names.hostname(), group.targetGroupArn(), names.tags())),
                rule -> LedgerEntry.of(run.environmentId(), ResourceKind.LISTENER_RULE, rule.ruleArn(),
                        site.listenerArn(), names.hostname()));
    }

    /** The origin protection rules the workload's routed container asks for; none when it is not protected. */
    List<OriginRules.OriginRule> originRules(Workload workload) {
        PaddockConfig.Cloud.OriginProtection header = config.cloud().originProtection();
        return OriginRules.of(workload, new OriginRules.OriginHeader(header.headerName(),
                header.headerValue().orElse(null)));
    }

    /**
     * Origin protection in front of the host rule: room below it first, then the deny rule at the highest free priority
     * below the host rule, then each allow rule below the deny rule, one after the other, each in the ledger under its
     * signature. {@code replacing}: the rules of the protection these replace.
     */
    Uni<List<ListenerRule>> createOriginRules(Run run, ResourceNames names, String hostRuleArn, String targetGroupArn,
            List<OriginRules.OriginRule> rules, Set<String> replacing) {
        if (rules.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return run.call(CloudOperation.CREATE_RULE,
                        () -> originRules.makeRoom(site.listenerArn(), hostRuleArn, rules.size()))
                .chain(hostPriority -> createInOrder(run, names, targetGroupArn, rules, replacing, 0, hostPriority,
                        new ArrayList<>()));
    }

    private Uni<List<ListenerRule>> createInOrder(Run run, ResourceNames names, String targetGroupArn,
            List<OriginRules.OriginRule> rules, Set<String> replacing, int index, int below, List<ListenerRule> made) {
        if (index == rules.size()) {
            return Uni.createFrom().item(List.copyOf(made));
        }
        OriginRules.OriginRule rule = rules.get(index);
        return run.create(CloudOperation.CREATE_RULE,
                        () -> originRules.createOriginRule(new OriginRulePort.CreateOriginRule(site.listenerArn(),
                                names.hostname(), targetGroupArn, rule, below, replacing, names.tags())),
                        created -> LedgerEntry.of(run.environmentId(), ResourceKind.LISTENER_RULE, created.ruleArn(),
                                site.listenerArn(), rule.signature()))
                .chain(created -> {
                    made.add(created);
                    // The allow rules go in front of the deny rule, the first one made.
                    return createInOrder(run, names, targetGroupArn, rules, replacing, index + 1,
                            index == 0 ? created.priority() : below, made);
                });
    }

    Uni<FileSystem> createFileSystem(Run run, ResourceNames names) {
        return run.create(CloudOperation.CREATE_FILE_SYSTEM,
                () -> volumes.createFileSystem(new CreateFileSystem(names.fileSystemToken(), names.tags())),
                fs -> LedgerEntry.of(run.environmentId(), ResourceKind.FILE_SYSTEM, fs.fileSystemId(), null,
                        names.fileSystemToken()));
    }

    /** One access point per volume, side by side; the volumes in the order given. */
    Uni<List<VolumeRef>> createAccessPoints(Run run, ResourceNames names, String fileSystemId, List<NewVolume> added) {
        return all(added.stream()
                .map(volume -> createAccessPoint(run, names, fileSystemId, volume)
                        .map(point -> ProvisionedRefs.volumeRef(volume.name(), volume.description(), point)))
                .toList());
    }

    private Uni<AccessPoint> createAccessPoint(Run run, ResourceNames names, String fileSystemId, NewVolume volume) {
        Map<String, String> tags = new LinkedHashMap<>(names.tags());
        tags.put(ResourceTags.VOLUME, volume.name());
        return run.create(CloudOperation.CREATE_ACCESS_POINT,
                () -> volumes.createAccessPoint(new CreateAccessPoint(names.accessPointToken(volume.name()),
                        fileSystemId, volume.rootDirectory(), Map.copyOf(tags))),
                point -> LedgerEntry.of(run.environmentId(), ResourceKind.ACCESS_POINT, point.accessPointId(),
                        fileSystemId, volume.name()));
    }

    /** One mount target per subnet the tasks run in. */
    Uni<List<MountTarget>> createMountTargets(Run run, String fileSystemId, String groupId) {
        return all(site.subnetIds().stream()
                .map(subnet -> run.create(CloudOperation.CREATE_MOUNT_TARGET,
                        () -> volumes.createMountTarget(new CreateMountTarget(fileSystemId, subnet, List.of(groupId))),
                        mount -> LedgerEntry.of(run.environmentId(), ResourceKind.MOUNT_TARGET, mount.mountTargetId(),
                                fileSystemId, subnet)))
                .toList());
    }

    Uni<LogGroup> createLogGroup(Run run, ResourceNames names) {
        return run.create(CloudOperation.CREATE_LOG_GROUP,
                () -> containers.createLogGroup(new CreateLogGroup(names.logGroup(), names.tags())),
                group -> LedgerEntry.of(run.environmentId(), ResourceKind.LOG_GROUP, group.logGroupName(), null,
                        group.logGroupName()));
    }

    Uni<Secret> createSecret(Run run, ResourceNames names) {
        return run.create(CloudOperation.CREATE_SECRET,
                () -> containers.createSecret(new CreateSecret(names.secret(), names.secretToken(), names.tags())),
                secret -> LedgerEntry.of(run.environmentId(), ResourceKind.SECRET, secret.secretArn(), null,
                        secret.name()));
    }

    Uni<TaskDefinition> registerTaskDefinition(Run run, ResourceNames names, Workload workload,
            List<TaskVolume> taskVolumes, String logGroup, String secretArn) {
        RegisterTaskDefinition request = taskDefinitionRequest(names, workload, taskVolumes, logGroup, secretArn);
        return run.create(CloudOperation.REGISTER_TASK_DEFINITION,
                () -> containers.registerTaskDefinition(request),
                revision -> LedgerEntry.of(run.environmentId(), ResourceKind.TASK_DEFINITION,
                        revision.taskDefinitionArn(), null, revision.family() + ":" + revision.revision()));
    }

    /** The digest covers what the workload and volumes decide; log group and secret are fixed per environment. */
    RegisterTaskDefinition taskDefinitionRequest(ResourceNames names, Workload workload, List<TaskVolume> taskVolumes,
            String logGroup, String secretArn) {
        Map<String, String> tags = new LinkedHashMap<>(names.tags());
        tags.put(ResourceTags.DEFINITION_DIGEST, definitionDigest(names.taskFamily(), workload, taskVolumes));
        return new RegisterTaskDefinition(names.taskFamily(), workload, taskVolumes, logGroup, secretArn,
                Map.copyOf(tags));
    }

    private String definitionDigest(String family, Workload workload, List<TaskVolume> taskVolumes) {
        try {
            return ResourceNames.sha256(json.writeValueAsString(List.of(family, workload, taskVolumes)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a workload is always serialisable", e);
        }
    }

    /** Joins the scope's shared security group (made with its first member); answers the group's id. */
    Uni<String> joinSharedGroup(Run run, SharedGroups.Scope scope) {
        return run.create(CloudOperation.CREATE_SECURITY_GROUP,
                        () -> sharedGroups.join(scope, run.environmentId()),
                        member -> LedgerEntry.of(run.environmentId(), ResourceKind.SHARED_GROUP_MEMBERSHIP,
                                member.providerId(), member.groupId(), member.scope()))
                .map(SharedGroups.Membership::groupId);
    }

    /**
     * Registered with the target group when there is one, for the routed container's port; in the environment's own
     * security group and, when it has one, the shared group of its application or organisation.
     */
    Uni<Service> createService(Run run, ResourceNames names, EnvironmentPlan plan, TaskDefinition revision,
            SecurityGroup group, TargetGroup targetGroup, String sharedGroupId) {
        Workload workload = plan.workload();
        LoadBalancer loadBalancer = targetGroup == null ? null
                : new LoadBalancer(targetGroup.targetGroupArn(), workload.routedContainer().name(), workload.routedPort());
        return run.create(CloudOperation.CREATE_SERVICE,
                () -> containers.createService(new CreateService(site.cluster(), names.service(),
                        revision.taskDefinitionArn(), plan.desiredCount(), site.subnetIds(), securityGroups(group.groupId(),
                        sharedGroupId),
                        loadBalancer, SpotCapacity.strategy(workload), names.tags())),
                service -> LedgerEntry.of(run.environmentId(), ResourceKind.SERVICE, service.serviceArn(),
                        service.clusterArn(), service.serviceName()));
    }

    /** The groups a service runs with: the environment's own, then the shared one when there is one. */
    static List<String> securityGroups(String ownGroupId, String sharedGroupId) {
        return sharedGroupId == null ? List.of(ownGroupId) : List.of(ownGroupId, sharedGroupId);
    }

    Uni<ScalableTarget> registerScalableTarget(Run run, ResourceNames names, Service service, EnvironmentPlan plan) {
        String resourceId = ProvisionedRefs.scalableResourceId(ProvisionedRefs.serviceRef(service));
        return run.create(CloudOperation.REGISTER_SCALABLE_TARGET,
                () -> containers.registerScalableTarget(new RegisterScalableTarget(resourceId, plan.minCapacity(),
                        plan.maxCapacity(), names.tags())),
                target -> LedgerEntry.of(run.environmentId(), ResourceKind.SCALABLE_TARGET, target.scalableTargetArn(),
                        resourceId, resourceId));
    }

    /**
     * Succeeds with every item in order, or fails once every one has settled (a step is never cancelled, and a
     * failure that came after the first would otherwise reach no subscriber and be logged as dropped).
     */
    @SuppressWarnings("unchecked")
    private static <T> Uni<List<T>> all(List<Uni<T>> unis) {
        if (unis.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.combine().all().unis(unis).collectFailures().with(items -> items.stream().map(item -> (T) item).toList());
    }
}
