package io.paddock.provisioning;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

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
import io.paddock.provisioning.ContainerPort.UpdateService;
import io.paddock.provisioning.NetworkPort.AuthorizeSecurityGroupIngress;
import io.paddock.provisioning.NetworkPort.CreateRule;
import io.paddock.provisioning.NetworkPort.CreateSecurityGroup;
import io.paddock.provisioning.NetworkPort.CreateTargetGroup;
import io.paddock.provisioning.NetworkPort.IngressRule;
import io.paddock.provisioning.NetworkPort.ListenerRule;
import io.paddock.provisioning.NetworkPort.SecurityGroup;
import io.paddock.provisioning.NetworkPort.TargetGroup;
import io.paddock.provisioning.Provisioned.FileSystemRef;
import io.paddock.provisioning.Provisioned.LoadBalancerRef;
import io.paddock.provisioning.Provisioned.SecurityGroupRef;
import io.paddock.provisioning.Provisioned.ServiceRef;
import io.paddock.provisioning.Provisioned.SubnetRef;
import io.paddock.provisioning.Provisioned.TaskDefinitionRef;
import io.paddock.provisioning.Provisioned.VolumeRef;
import io.paddock.provisioning.Provisioned.VpcRef;
import io.paddock.provisioning.VolumePort.AccessPoint;
import io.paddock.provisioning.VolumePort.CreateAccessPoint;
import io.paddock.provisioning.VolumePort.CreateFileSystem;
import io.paddock.provisioning.VolumePort.CreateMountTarget;
import io.paddock.provisioning.VolumePort.FileSystem;
import io.paddock.provisioning.VolumePort.MountTarget;
import io.smallrye.mutiny.Uni;
import io.paddock.web.CallerContext;
import io.paddock.web.Detached;

/**
 * Provisions environments through the configured provider's ports, as a dependency graph:
 *
 * <pre>
 * security group -> ingress rules
 * target group   -> listener rule
 * file system    -> access points;  file system + security group -> mount targets
 * access points  -> task definition
 * log group, app-secrets store (when a container declares secrets) -> task definition
 * task definition + security group + listener rule -> service -> scalable target
 * </pre>
 *
 * Scaling policies are put on the scalable target later, one call each, and recorded in the same ledger.
 *
 * Every step starts as soon as what it needs exists, so a create takes as long as its longest chain of
 * dependent calls. Each resource is written to the ledger the moment its call returns. Results are handed
 * back on the caller's Vert.x context.
 */
@ApplicationScoped
public class Orchestrator implements Provisioning {

    private static final Logger LOG = Logger.getLogger(Orchestrator.class);
    private static final int NFS_PORT = 2049;

    private final NetworkPort network;
    private final VolumePort volumes;
    private final ContainerPort containers;
    private final ScalingPort scaling;
    private final CloudCalls calls;
    private final ResourceLedger ledger;
    private final ResourceDeletions deletions;
    private final PaddockConfig.Cloud cloud;
    private final CloudSite site;
    private final ObjectMapper json;

    Orchestrator(NetworkPort network, VolumePort volumes, ContainerPort containers, ScalingPort scaling,
            CloudCalls calls, ResourceLedger ledger, ResourceDeletions deletions, PaddockConfig config, CloudSite site,
            ObjectMapper json) {
        this.network = network;
        this.volumes = volumes;
        this.containers = containers;
        this.scaling = scaling;
        this.calls = calls;
        this.ledger = ledger;
        this.deletions = deletions;
        this.cloud = config.cloud();
        this.site = site;
        this.json = json;
    }

    @Override
    public Uni<Provisioned> create(EnvironmentPlan plan) {
        Executor caller = CallerContext.capture();
        return Detached.run(() -> {
            Run run = newRun(plan.environmentId());
            return Uni.createFrom().deferred(() -> createGraph(plan, run))
                    .onFailure().recoverWithUni(failure -> undoAndFail(run, failure,
                            () -> deletions.deleteAll(plan.environmentId())));
        }).emitOn(caller);
    }

    private Uni<Provisioned> createGraph(EnvironmentPlan plan, Run run) {
        Workload workload = plan.workload();
        ResourceNames names = names(plan);
        List<Integer> ports = workload.exposedPorts();
        List<String> volumeNames = workload.mountedVolumes();
        boolean routed = workload.routedPort() != null;
        boolean stored = !volumeNames.isEmpty();

        Uni<SecurityGroup> securityGroup = createSecurityGroup(run, names);
        Uni<List<IngressRule>> ingress = securityGroup
                .chain(group -> authorizeIngress(run, names, group.groupId(), ports, stored))
                .memoize().indefinitely();

        Uni<TargetGroup> targetGroup = routed ? createTargetGroup(run, names, workload) : none();
        Uni<ListenerRule> listenerRule = routed
                ? targetGroup.chain(group -> createRule(run, names, group)).memoize().indefinitely()
                : none();

        Uni<FileSystem> fileSystem = stored ? createFileSystem(run, names) : none();
        Uni<List<VolumeRef>> accessPoints = stored
                ? fileSystem.chain(fs -> all(volumeNames.stream()
                        .map(volume -> createAccessPoint(run, names, fs, volume, defaultRoot(volume))
                                .map(point -> volumeRef(volume, null, point)))
                        .toList())).memoize().indefinitely()
                : Uni.createFrom().item(List.of());
        Uni<List<MountTarget>> mountTargets = stored
                ? Uni.combine().all().unis(fileSystem, securityGroup).asTuple()
                        .chain(both -> createMountTargets(run, both.getItem1(), both.getItem2().groupId()))
                        .memoize().indefinitely()
                : Uni.createFrom().item(List.of());

        // Roots like the three above: they never lengthen the path to the task definition.
        Uni<LogGroup> logGroup = createLogGroup(run, names);
        Uni<Secret> secret = workload.declaresSecrets() ? createSecret(run, names) : none();

        Uni<TaskDefinition> taskDefinition = Uni.combine().all().unis(accessPoints, logGroup, secret).asTuple()
                .chain(needs -> registerTaskDefinition(run, names, workload, taskVolumes(workload, needs.getItem1()),
                        needs.getItem2().logGroupName(), needs.getItem3() == null ? null : needs.getItem3().secretArn()))
                .memoize().indefinitely();
        Uni<Service> service = Uni.combine().all().unis(taskDefinition, securityGroup, targetGroup, listenerRule).asTuple()
                .chain(needs -> createService(run, names, plan, needs.getItem1(), needs.getItem2(), needs.getItem3()))
                .memoize().indefinitely();
        Uni<ScalableTarget> scalableTarget = service
                .chain(made -> registerScalableTarget(run, made, plan))
                .memoize().indefinitely();

        // Every step takes part, so a failure is reported only once every branch has settled.
        return Uni.combine().all()
                .unis(securityGroup, ingress, targetGroup, listenerRule, fileSystem, accessPoints, mountTargets,
                        taskDefinition, service, scalableTarget, logGroup, secret)
                .collectFailures()
                .with(made -> {
                    @SuppressWarnings("unchecked")
                    List<VolumeRef> volumeRefs = (List<VolumeRef>) made.get(5);
                    @SuppressWarnings("unchecked")
                    List<MountTarget> mounts = (List<MountTarget>) made.get(6);
                    FileSystem fs = (FileSystem) made.get(4);
                    return new Provisioned(
                            taskDefinitionRef((TaskDefinition) made.get(7), workload),
                            serviceRef((Service) made.get(8)),
                            routed ? loadBalancerRef(names, workload, (TargetGroup) made.get(2), (ListenerRule) made.get(3))
                                    : null,
                            new SecurityGroupRef(((SecurityGroup) made.get(0)).groupId(),
                                    ((SecurityGroup) made.get(0)).groupName(), ports),
                            new SubnetRef(site.subnetIds()),
                            new VpcRef(site.vpcId()),
                            fs == null ? null : fileSystemRef(fs, mounts),
                            volumeRefs);
                });
    }

    @Override
    public Uni<Provisioned> update(EnvironmentPlan plan, Provisioned current) {
        Executor caller = CallerContext.capture();
        return Detached.run(() -> rollOut(plan, current, false, true)).emitOn(caller);
    }

    @Override
    public Uni<Provisioned> redeploy(EnvironmentPlan plan, Provisioned current) {
        Executor caller = CallerContext.capture();
        return Detached.run(() -> {
            RegisterTaskDefinition wanted = taskDefinitionRequest(names(plan), plan.workload(),
                    taskVolumes(plan.workload(), current.volumes()), null, null);
            boolean volumesExist = current.volumes().stream().map(VolumeRef::volumeName).toList()
                    .containsAll(plan.workload().mountedVolumes());
            return calls.call(CloudOperation.DESCRIBE_TASK_DEFINITION,
                            () -> containers.describeTaskDefinition(current.taskDefinition().arn()))
                    .onFailure(f -> f instanceof ProviderException provider && provider.isNotFound()).recoverWithNull()
                    .chain(running -> volumesExist && running != null
                            && wanted.tags().get(ResourceTags.DEFINITION_DIGEST).equals(running.tags().get(ResourceTags.DEFINITION_DIGEST))
                            ? forceNewDeployment(current)
                            : rollOut(plan, current, true, false))
                    .onFailure().transform(Run::failed);
        }).emitOn(caller);
    }

    private Uni<Provisioned> forceNewDeployment(Provisioned current) {
        return calls.call(CloudOperation.UPDATE_SERVICE, () -> containers.updateService(new UpdateService(
                        current.service().cluster(), current.service().arn(), null, null, true)))
                .onFailure().transform(Run::failed)
                .replaceWith(current);
    }

    /**
     * Creates the volumes the workload mounts that do not exist yet, registers a new revision, rolls the
     * service to it, and deregisters the old revision. A failure before the service runs the new revision
     * undoes what this roll-out made; after that, the service keeps the new revision and the failure is reported.
     */
    private Uni<Provisioned> rollOut(EnvironmentPlan plan, Provisioned current, boolean forceNewDeployment,
            boolean setCapacity) {
        Run run = newRun(plan.environmentId());
        ResourceNames names = names(plan);
        Workload workload = plan.workload();
        Set<String> existing = new LinkedHashSet<>(current.volumes().stream().map(VolumeRef::volumeName).toList());
        List<String> missing = workload.mountedVolumes().stream().filter(v -> !existing.contains(v)).toList();

        Uni<Provisioned> withVolumes = missing.isEmpty()
                ? Uni.createFrom().item(current)
                : addVolumes(run, names, current, missing.stream().map(v -> new NewVolume(v, null, defaultRoot(v))).toList());
        Uni<Provisioned> rolledOut = withVolumes.chain(base -> containerNeeds(run, names, workload)
                .chain(needs -> registerTaskDefinition(run, names, workload, taskVolumes(workload, base.volumes()),
                        needs.logGroup(), needs.secretArn()))
                .chain(revision -> run.call(CloudOperation.UPDATE_SERVICE, () -> containers.updateService(
                                new UpdateService(base.service().cluster(), base.service().arn(),
                                        revision.taskDefinitionArn(), setCapacity ? plan.desiredCount() : null,
                                        forceNewDeployment)))
                        .replaceWith(new Provisioned(taskDefinitionRef(revision, workload), base.service(),
                                base.loadBalancer(), base.securityGroup(), base.subnet(), base.vpc(), base.fileSystem(),
                                base.volumes()))));
        Uni<Provisioned> undoable = rolledOut.onFailure().recoverWithUni(failure -> undoAndFail(run, failure,
                () -> deletions.deleteInOrder(run.recordedNewestFirst())));

        return undoable.chain(next -> {
            Uni<Void> capacity = setCapacity
                    ? run.call(CloudOperation.REGISTER_SCALABLE_TARGET, () -> containers.registerScalableTarget(
                            new RegisterScalableTarget(scalableResourceId(next.service()), plan.minCapacity(),
                                    plan.maxCapacity(), names.tags()))).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return capacity
                    .chain(() -> retireTaskDefinition(current.taskDefinition().arn(), next.taskDefinition().arn()))
                    .onFailure(f -> !(f instanceof ProvisioningFailedException)).transform(Run::failed)
                    .replaceWith(next);
        });
    }

    /** Deregisters a revision the service no longer runs and replaces its ledger entry by the new one's. */
    private Uni<Void> retireTaskDefinition(String oldArn, String newArn) {
        if (oldArn.equals(newArn)) {
            return Uni.createFrom().voidItem();
        }
        return ledger.find(ResourceKind.TASK_DEFINITION, oldArn)
                .chain(entry -> entry.isPresent()
                        ? deletions.deleteRecorded(entry.get())
                        : deletions.delete(LedgerEntry.of(null, ResourceKind.TASK_DEFINITION, oldArn, null, null)));
    }

    @Override
    public Uni<Void> scale(Provisioned current, int desiredCount) {
        Executor caller = CallerContext.capture();
        // Stopped stays stopped: automatic scaling would otherwise take the service back up to its minimum.
        // It is suspended before the service goes to zero and resumed once it runs again.
        String target = scalableResourceId(current.service());
        Uni<Void> suspend = desiredCount == 0
                ? calls.call(CloudOperation.REGISTER_SCALABLE_TARGET, () -> containers.suspendScaling(target, true))
                : Uni.createFrom().voidItem();
        return suspend
                .chain(() -> calls.call(CloudOperation.UPDATE_SERVICE, () -> containers.updateService(new UpdateService(
                        current.service().cluster(), current.service().arn(), null, desiredCount, false))))
                .chain(() -> desiredCount > 0
                        ? calls.call(CloudOperation.REGISTER_SCALABLE_TARGET, () -> containers.suspendScaling(target, false))
                        : Uni.createFrom().voidItem())
                .onFailure().transform(Run::failed)
                .emitOn(caller);
    }

    @Override
    public Uni<ServiceState> describe(Provisioned current) {
        Executor caller = CallerContext.capture();
        return calls.call(CloudOperation.DESCRIBE_SERVICES,
                        () -> containers.describeServices(current.service().cluster(), current.service().arn()))
                .onFailure().transform(Run::failed)
                .emitOn(caller);
    }

    @Override
    public Uni<List<ServiceState>> describeAll(List<Provisioned> current) {
        Executor caller = CallerContext.capture();
        Map<String, List<String>> byCluster = new LinkedHashMap<>();
        for (Provisioned one : current) {
            List<String> arns = byCluster.computeIfAbsent(one.service().cluster(), cluster -> new ArrayList<>());
            if (!arns.contains(one.service().arn())) {
                arns.add(one.service().arn());
            }
        }
        List<Uni<Map<String, ServiceState>>> batches = new ArrayList<>();
        byCluster.forEach((cluster, arns) -> {
            for (int from = 0; from < arns.size(); from += ContainerPort.DESCRIBE_SERVICES_AT_MOST) {
                List<String> batch = List.copyOf(arns.subList(from,
                        Math.min(arns.size(), from + ContainerPort.DESCRIBE_SERVICES_AT_MOST)));
                batches.add(calls.call(CloudOperation.DESCRIBE_SERVICES, () -> containers.describeServices(cluster, batch))
                        .onFailure().invoke(e -> LOG.debugf("services %s did not report their counts: %s", batch,
                                e.getMessage()))
                        .onFailure().recoverWithItem(Map.of()));
            }
        });
        if (batches.isEmpty()) {
            return Uni.createFrom().item(List.<ServiceState>of()).emitOn(caller);
        }
        return Uni.join().all(batches).andFailFast()
                .map(answers -> {
                    Map<String, ServiceState> states = new HashMap<>();
                    answers.forEach(states::putAll);
                    List<ServiceState> ordered = new ArrayList<>(current.size());
                    current.forEach(one -> ordered.add(states.get(one.service().arn())));
                    return ordered;
                })
                .emitOn(caller);
    }

    @Override
    public Uni<Provisioned> addVolume(EnvironmentPlan plan, Provisioned current, String volumeName, String description,
            String rootDirectory) {
        Executor caller = CallerContext.capture();
        if (current.volumes().stream().anyMatch(v -> v.volumeName().equals(volumeName))) {
            return Uni.createFrom().item(current).emitOn(caller);
        }
        return Detached.run(() -> {
            Run run = newRun(plan.environmentId());
            return addVolumes(run, names(plan), current, List.of(new NewVolume(volumeName, description,
                            rootDirectory == null ? defaultRoot(volumeName) : rootDirectory)))
                    .onFailure().recoverWithUni(failure -> undoAndFail(run, failure,
                            () -> deletions.deleteInOrder(run.recordedNewestFirst())));
        }).emitOn(caller);
    }

    @Override
    public Uni<Provisioned> removeVolume(Provisioned current, String volumeName) {
        Executor caller = CallerContext.capture();
        VolumeRef volume = current.volumes().stream().filter(v -> v.volumeName().equals(volumeName)).findFirst()
                .orElse(null);
        if (volume == null) {
            return Uni.createFrom().item(current).emitOn(caller);
        }
        Provisioned without = new Provisioned(current.taskDefinition(), current.service(), current.loadBalancer(),
                current.securityGroup(), current.subnet(), current.vpc(), current.fileSystem(),
                current.volumes().stream().filter(v -> v != volume).toList());
        return ledger.find(ResourceKind.ACCESS_POINT, volume.accessPointId())
                .chain(entry -> entry.isPresent()
                        ? deletions.deleteRecorded(entry.get())
                        : deletions.delete(LedgerEntry.of(null, ResourceKind.ACCESS_POINT, volume.accessPointId(), null,
                                volumeName)))
                .onFailure().transform(Run::failed)
                .replaceWith(without)
                .emitOn(caller);
    }

    @Override
    public Uni<ScalingPort.ScalingPolicy> putScalingPolicy(UUID environmentId, Provisioned current,
            ScalingPolicyPlan policy) {
        Executor caller = CallerContext.capture();
        ScalingMetric metric = policy.metric();
        String resourceId = scalableResourceId(current.service());
        String label = metric == ScalingMetric.RPS ? resourceLabel(site.listenerArn(), current.loadBalancer()) : null;
        ScalingPort.PutScalingPolicy request = new ScalingPort.PutScalingPolicy(resourceId, metric.policyName(),
                metric.predefinedMetricType(), label, policy.targetValue(), policy.scaleInCooldownSeconds(),
                policy.scaleOutCooldownSeconds());
        return Detached.run(() -> recordedPolicy(environmentId, metric)
                .chain(recorded -> {
                    Run run = newRun(environmentId);
                    // A replaced policy keeps its ARN and its ledger row; only the first put of a metric records one.
                    return recorded.isPresent()
                            ? run.call(CloudOperation.PUT_SCALING_POLICY, () -> scaling.putScalingPolicy(request))
                            : run.create(CloudOperation.PUT_SCALING_POLICY, () -> scaling.putScalingPolicy(request),
                                    made -> LedgerEntry.of(environmentId, ResourceKind.SCALING_POLICY, made.policyArn(),
                                            resourceId, made.policyName()));
                })
                .onFailure().transform(Run::failed))
                .emitOn(caller);
    }

    @Override
    public Uni<Void> deleteScalingPolicy(UUID environmentId, Provisioned current, ScalingMetric metric) {
        Executor caller = CallerContext.capture();
        String resourceId = scalableResourceId(current.service());
        return Detached.run(() -> recordedPolicy(environmentId, metric)
                .chain(recorded -> recorded.isPresent()
                        ? deletions.deleteRecorded(recorded.get())
                        : deletions.delete(LedgerEntry.of(environmentId, ResourceKind.SCALING_POLICY, metric.policyName(),
                                resourceId, metric.policyName())))
                .onFailure().transform(Run::failed))
                .emitOn(caller);
    }

    private Uni<Optional<LedgerEntry>> recordedPolicy(UUID environmentId, ScalingMetric metric) {
        return ledger.entries(environmentId)
                .map(entries -> entries.stream()
                        .filter(entry -> entry.kind() == ResourceKind.SCALING_POLICY
                                && metric.policyName().equals(entry.name()))
                        .findFirst());
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

    @Override
    public Uni<Void> teardown(UUID environmentId) {
        Executor caller = CallerContext.capture();
        return Detached.run(() -> deletions.deleteAll(environmentId)
                        .onFailure().transform(Run::failed))
                .emitOn(caller);
    }

    @Override
    public Uni<Void> removeUnrecorded(UUID environmentId) {
        Executor caller = CallerContext.capture();
        return Detached.run(() -> deletions.deleteUnrecorded(environmentId)
                        .onFailure().transform(Run::failed))
                .emitOn(caller);
    }

    // --- the steps

    private Uni<SecurityGroup> createSecurityGroup(Run run, ResourceNames names) {
        return run.create(CloudOperation.CREATE_SECURITY_GROUP,
                () -> network.createSecurityGroup(new CreateSecurityGroup(names.securityGroup(),
                        "Paddock environment " + names.hostname(), site.vpcId(), names.tags())),
                group -> LedgerEntry.of(run.environmentId(), ResourceKind.SECURITY_GROUP, group.groupId(), null,
                        group.groupName()));
    }

    /** One rule per exposed port from the load balancer, and NFS from the group itself when there are volumes. */
    private Uni<List<IngressRule>> authorizeIngress(Run run, ResourceNames names, String groupId, List<Integer> ports,
            boolean nfs) {
        List<Uni<IngressRule>> rules = new ArrayList<>();
        for (int port : ports) {
            rules.add(authorize(run, names, groupId, port, site.loadBalancerSecurityGroupId(), "load balancer"));
        }
        if (nfs) {
            rules.add(authorize(run, names, groupId, NFS_PORT, groupId, "NFS for the environment's volumes"));
        }
        return all(rules);
    }

    private Uni<IngressRule> authorize(Run run, ResourceNames names, String groupId, int port, String source,
            String description) {
        return run.create(CloudOperation.AUTHORIZE_SECURITY_GROUP_INGRESS,
                () -> network.authorizeSecurityGroupIngress(new AuthorizeSecurityGroupIngress(groupId, port, source,
                        description, names.tags())),
                rule -> LedgerEntry.of(run.environmentId(), ResourceKind.SECURITY_GROUP_INGRESS,
                        rule.securityGroupRuleId(), groupId, "tcp/" + port));
    }

    private Uni<TargetGroup> createTargetGroup(Run run, ResourceNames names, Workload workload) {
        Workload.Container routed = workload.routedContainer();
        return run.create(CloudOperation.CREATE_TARGET_GROUP,
                () -> network.createTargetGroup(new CreateTargetGroup(names.targetGroup(), workload.routedPort(),
                        site.vpcId(), routed.healthCheck(), names.tags())),
                group -> LedgerEntry.of(run.environmentId(), ResourceKind.TARGET_GROUP, group.targetGroupArn(), null,
                        group.name()));
    }

    private Uni<ListenerRule> createRule(Run run, ResourceNames names, TargetGroup group) {
        return run.create(CloudOperation.CREATE_RULE,
                () -> network.createRule(new CreateRule(site.listenerArn(),
                        names.hostname(), group.targetGroupArn(), names.tags())),
                rule -> LedgerEntry.of(run.environmentId(), ResourceKind.LISTENER_RULE, rule.ruleArn(),
                        site.listenerArn(), names.hostname()));
    }

    private Uni<FileSystem> createFileSystem(Run run, ResourceNames names) {
        return run.create(CloudOperation.CREATE_FILE_SYSTEM,
                () -> volumes.createFileSystem(new CreateFileSystem(names.fileSystemToken(), names.tags())),
                fs -> LedgerEntry.of(run.environmentId(), ResourceKind.FILE_SYSTEM, fs.fileSystemId(), null,
                        names.fileSystemToken()));
    }

    private Uni<AccessPoint> createAccessPoint(Run run, ResourceNames names, FileSystem fs, String volumeName,
            String rootDirectory) {
        Map<String, String> tags = new LinkedHashMap<>(names.tags());
        tags.put(ResourceTags.VOLUME, volumeName);
        return run.create(CloudOperation.CREATE_ACCESS_POINT,
                () -> volumes.createAccessPoint(new CreateAccessPoint(names.accessPointToken(volumeName),
                        fs.fileSystemId(), rootDirectory, Map.copyOf(tags))),
                point -> LedgerEntry.of(run.environmentId(), ResourceKind.ACCESS_POINT, point.accessPointId(),
                        fs.fileSystemId(), volumeName));
    }

    private Uni<List<MountTarget>> createMountTargets(Run run, FileSystem fs, String groupId) {
        return all(site.subnetIds().stream()
                .map(subnet -> run.create(CloudOperation.CREATE_MOUNT_TARGET,
                        () -> volumes.createMountTarget(new CreateMountTarget(fs.fileSystemId(), subnet, List.of(groupId))),
                        mount -> LedgerEntry.of(run.environmentId(), ResourceKind.MOUNT_TARGET, mount.mountTargetId(),
                                fs.fileSystemId(), subnet)))
                .toList());
    }

    private Uni<LogGroup> createLogGroup(Run run, ResourceNames names) {
        return run.create(CloudOperation.CREATE_LOG_GROUP,
                () -> containers.createLogGroup(new CreateLogGroup(names.logGroup(), names.tags())),
                group -> LedgerEntry.of(run.environmentId(), ResourceKind.LOG_GROUP, group.logGroupName(), null,
                        group.logGroupName()));
    }

    private Uni<Secret> createSecret(Run run, ResourceNames names) {
        return run.create(CloudOperation.CREATE_SECRET,
                () -> containers.createSecret(new CreateSecret(names.secret(), names.secretToken(), names.tags())),
                secret -> LedgerEntry.of(run.environmentId(), ResourceKind.SECRET, secret.secretArn(), null,
                        secret.name()));
    }

    private record ContainerNeeds(String logGroup, String secretArn) {
    }

    /**
     * For a new revision of an existing environment: its log group and app-secrets store, from the ledger, made
     * now when missing (the workload declares secrets for the first time, or the environment predates its log group).
     */
    private Uni<ContainerNeeds> containerNeeds(Run run, ResourceNames names, Workload workload) {
        return ledger.entries(run.environmentId()).chain(entries -> {
            LedgerEntry group = entries.stream().filter(e -> e.kind() == ResourceKind.LOG_GROUP).findFirst().orElse(null);
            LedgerEntry stored = entries.stream().filter(e -> e.kind() == ResourceKind.SECRET).findFirst().orElse(null);
            Uni<String> logGroup = group != null
                    ? Uni.createFrom().item(group.providerId())
                    : createLogGroup(run, names).map(LogGroup::logGroupName);
            Uni<String> secretArn = stored != null || !workload.declaresSecrets()
                    ? Uni.createFrom().item(stored == null ? null : stored.providerId())
                    : createSecret(run, names).map(Secret::secretArn);
            return Uni.combine().all().unis(logGroup, secretArn).asTuple()
                    .map(both -> new ContainerNeeds(both.getItem1(), both.getItem2()));
        });
    }

    private Uni<TaskDefinition> registerTaskDefinition(Run run, ResourceNames names, Workload workload,
            List<TaskVolume> taskVolumes, String logGroup, String secretArn) {
        RegisterTaskDefinition request = taskDefinitionRequest(names, workload, taskVolumes, logGroup, secretArn);
        return run.create(CloudOperation.REGISTER_TASK_DEFINITION,
                () -> containers.registerTaskDefinition(request),
                revision -> LedgerEntry.of(run.environmentId(), ResourceKind.TASK_DEFINITION,
                        revision.taskDefinitionArn(), null, revision.family() + ":" + revision.revision()));
    }

    private Uni<Service> createService(Run run, ResourceNames names, EnvironmentPlan plan, TaskDefinition revision,
            SecurityGroup group, TargetGroup targetGroup) {
        Workload workload = plan.workload();
        LoadBalancer loadBalancer = targetGroup == null ? null
                : new LoadBalancer(targetGroup.targetGroupArn(), workload.routedContainer().name(), workload.routedPort());
        return run.create(CloudOperation.CREATE_SERVICE,
                () -> containers.createService(new CreateService(site.cluster(), names.service(),
                        revision.taskDefinitionArn(), plan.desiredCount(), site.subnetIds(), List.of(group.groupId()),
                        loadBalancer, names.tags())),
                service -> LedgerEntry.of(run.environmentId(), ResourceKind.SERVICE, service.serviceArn(),
                        service.clusterArn(), service.serviceName()));
    }

    private Uni<ScalableTarget> registerScalableTarget(Run run, Service service, EnvironmentPlan plan) {
        String resourceId = scalableResourceId(serviceRef(service));
        return run.create(CloudOperation.REGISTER_SCALABLE_TARGET,
                () -> containers.registerScalableTarget(new RegisterScalableTarget(resourceId, plan.minCapacity(),
                        plan.maxCapacity(), names(plan).tags())),
                target -> LedgerEntry.of(run.environmentId(), ResourceKind.SCALABLE_TARGET, target.scalableTargetArn(),
                        resourceId, resourceId));
    }

    private record NewVolume(String name, String description, String rootDirectory) {
    }

    /**
     * Creates access points for new volumes; when the environment has no file system yet, first the file
     * system, the NFS ingress rule and the mount targets.
     */
    private Uni<Provisioned> addVolumes(Run run, ResourceNames names, Provisioned current, List<NewVolume> added) {
        String groupId = current.securityGroup().id();
        Uni<FileSystemRef> fileSystem;
        if (current.fileSystem() != null) {
            fileSystem = Uni.createFrom().item(current.fileSystem());
        } else {
            Uni<FileSystem> made = createFileSystem(run, names);
            Uni<IngressRule> nfs = authorize(run, names, groupId, NFS_PORT, groupId, "NFS for the environment's volumes");
            fileSystem = Uni.combine().all().unis(made, nfs).asTuple()
                    .chain(both -> createMountTargets(run, both.getItem1(), groupId)
                            .map(mounts -> fileSystemRef(both.getItem1(), mounts)))
                    .memoize().indefinitely();
        }
        Uni<List<VolumeRef>> volumeRefs = fileSystem.chain(fs -> all(added.stream()
                .map(volume -> createAccessPoint(run, names, new FileSystem(fs.id(), fs.arn()), volume.name(),
                        volume.rootDirectory())
                        .map(point -> volumeRef(volume.name(), volume.description(), point)))
                .toList()));
        return Uni.combine().all().unis(fileSystem, volumeRefs).collectFailures().asTuple()
                .map(both -> {
                    List<VolumeRef> all = new ArrayList<>(current.volumes());
                    all.addAll(both.getItem2());
                    return new Provisioned(current.taskDefinition(), current.service(), current.loadBalancer(),
                            current.securityGroup(), current.subnet(), current.vpc(), both.getItem1(), List.copyOf(all));
                });
    }

    // --- failure handling

    /** After a failure: waits for every call in flight, undoes, and fails with what went wrong first. */
    private <T> Uni<T> undoAndFail(Run run, Throwable failure, Supplier<Uni<Void>> undo) {
        ProvisioningFailedException reason = run.reason(failure);
        return run.settle()
                .chain(() -> undo.get())
                .onFailure().invoke(undoFailure -> {
                    reason.addSuppressed(undoFailure);
                    LOG.errorf(undoFailure, "environment %s: undoing after %s failed; the ledger keeps what is left"
                            + " for teardown", run.environmentId(), reason.step());
                })
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().<T>failure(reason));
    }

    private Run newRun(UUID environmentId) {
        return new Run(environmentId, calls, ledger, deletions, cloud.settleTimeout());
    }

    // --- mapping

    private ResourceNames names(EnvironmentPlan plan) {
        return ResourceNames.of(plan, site.baseDomain());
    }

    /** The digest covers what the workload and volumes decide; log group and secret are fixed per environment. */
    private RegisterTaskDefinition taskDefinitionRequest(ResourceNames names, Workload workload,
            List<TaskVolume> taskVolumes, String logGroup, String secretArn) {
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

    /** The task's volumes: each volume the workload mounts, on its access point. */
    private static List<TaskVolume> taskVolumes(Workload workload, List<VolumeRef> made) {
        List<TaskVolume> result = new ArrayList<>();
        for (String name : workload.mountedVolumes()) {
            made.stream()
                    .filter(volume -> volume.volumeName().equals(name))
                    .findFirst()
                    .ifPresent(volume -> result.add(new TaskVolume(name, volume.fileSystemId(), volume.accessPointId())));
        }
        return result;
    }

    private static String defaultRoot(String volumeName) {
        return "/" + ResourceNames.sanitise(volumeName);
    }

    private static String scalableResourceId(ServiceRef service) {
        String cluster = service.cluster().substring(service.cluster().lastIndexOf('/') + 1);
        return "service/" + cluster + "/" + service.name();
    }

    private static TaskDefinitionRef taskDefinitionRef(TaskDefinition revision, Workload workload) {
        return new TaskDefinitionRef(revision.taskDefinitionArn(), revision.family(), revision.revision(),
                workload.taskCpu() == null ? 0 : workload.taskCpu(),
                workload.taskMemory() == null ? 0 : workload.taskMemory());
    }

    private static ServiceRef serviceRef(Service service) {
        return new ServiceRef(service.serviceArn(), service.serviceName(), service.clusterArn());
    }

    private static LoadBalancerRef loadBalancerRef(ResourceNames names, Workload workload, TargetGroup group,
            ListenerRule rule) {
        return new LoadBalancerRef(group.targetGroupArn(), rule.ruleArn(), names.hostname(),
                workload.routedContainer().name(), workload.routedPort());
    }

    private static FileSystemRef fileSystemRef(FileSystem fs, List<MountTarget> mounts) {
        return new FileSystemRef(fs.fileSystemId(), fs.fileSystemArn(),
                mounts.stream().map(MountTarget::mountTargetId).toList());
    }

    private static VolumeRef volumeRef(String name, String description, AccessPoint point) {
        OffsetDateTime created = point.createdAt() == null ? OffsetDateTime.now() : point.createdAt();
        return new VolumeRef(name, description, point.rootDirectory(), point.fileSystemId(), point.accessPointId(),
                point.accessPointArn(), created);
    }

    /** Succeeds with every item in order, or fails as soon as one fails (the others still run to their end). */
    @SuppressWarnings("unchecked")
    private static <T> Uni<List<T>> all(List<Uni<T>> unis) {
        if (unis.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.combine().all().unis(unis).with(items -> items.stream().map(item -> (T) item).toList());
    }

    private static <T> Uni<T> none() {
        return Uni.createFrom().nullItem();
    }
}
