package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.paddock.provisioning.ContainerPort.RegisterScalableTarget;
import io.paddock.provisioning.ContainerPort.RegisterTaskDefinition;
import io.paddock.provisioning.ContainerPort.UpdateService;
import io.paddock.provisioning.Provisioned.FileSystemRef;
import io.paddock.provisioning.Provisioned.VolumeRef;
import io.paddock.provisioning.ProvisioningSteps.NewVolume;
import io.smallrye.mutiny.Uni;

/**
 * Changes to a running environment: a new task definition revision rolled out to its service (an update, a
 * redeploy whose workload changed), a redeploy of the same revision, and volumes added to it. Each makes what it
 * needs with the same steps a create does and undoes it if the change fails before the service runs it.
 */
@ApplicationScoped
class RollOuts {

    private static final Logger LOG = Logger.getLogger(RollOuts.class);

    @Inject ProvisioningSteps steps;
    @Inject ContainerPort containers;
    @Inject CloudCalls calls;
    @Inject ResourceLedger ledger;
    @Inject ResourceDeletions deletions;
    @Inject Runs runs;
    @Inject CloudSite site;

    /** A new revision from the plan, at the plan's desired count and capacity. */
    Uni<Provisioned> update(EnvironmentPlan plan, Provisioned current) {
        return rollOut(plan, current, true);
    }

    /**
     * A new deployment: of the revision the service runs when the plan's workload and volumes are what it was
     * registered with (its digest tag says so), else of a new revision.
     */
    Uni<Provisioned> redeploy(EnvironmentPlan plan, Provisioned current) {
        RegisterTaskDefinition wanted = steps.taskDefinitionRequest(steps.names(plan), plan.workload(),
                ProvisionedRefs.taskVolumes(plan.workload(), current.volumes()), null, null);
        boolean volumesExist = current.volumes().stream().map(VolumeRef::volumeName).toList()
                .containsAll(plan.workload().mountedVolumes());
        return calls.call(CloudOperation.DESCRIBE_TASK_DEFINITION,
                        () -> containers.describeTaskDefinition(current.taskDefinition().arn()))
                .onFailure(ProviderException.NotFound.class).recoverWithNull()
                .chain(running -> volumesExist && running != null
                        && wanted.tags().get(ResourceTags.DEFINITION_DIGEST)
                                .equals(running.tags().get(ResourceTags.DEFINITION_DIGEST))
                        ? forceNewDeployment(current)
                        : rollOut(plan, current, false))
                .onFailure().transform(Run::failed);
    }

    /** Adds one volume; the file system, its NFS rule and mount targets first when the environment has none. */
    Uni<Provisioned> addVolume(EnvironmentPlan plan, Provisioned current, NewVolume volume) {
        Run run = runs.start(plan);
        return addVolumes(run, steps.names(plan), current, List.of(volume))
                .onFailure().recoverWithUni(failure -> run.undoRecordedAndFail(failure));
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
     * The service's capacity provider strategy is sent with every roll-out, with a forced new deployment: ECS applies
     * a changed strategy only to a new deployment, and refuses a change without one.
     */
    private Uni<Provisioned> rollOut(EnvironmentPlan plan, Provisioned current, boolean setCapacity) {
        Run run = runs.start(plan);
        ResourceNames names = steps.names(plan);
        Workload workload = plan.workload();
        Set<String> existing = new LinkedHashSet<>(current.volumes().stream().map(VolumeRef::volumeName).toList());
        List<String> missing = workload.mountedVolumes().stream().filter(v -> !existing.contains(v)).toList();

        Uni<Provisioned> withVolumes = missing.isEmpty()
                ? Uni.createFrom().item(current)
                : addVolumes(run, names, current, missing.stream().map(NewVolume::named).toList());
        SharedGroups.Scope scope = SharedGroups.scopeOf(plan);
        Uni<List<LedgerEntry>> memberships = ledger.entries(run.environmentId())
                .map(entries -> entries.stream().filter(e -> e.kind() == ResourceKind.SHARED_GROUP_MEMBERSHIP).toList())
                .memoize().indefinitely();
        Uni<List<LedgerEntry>> originEntries = ledger.entries(run.environmentId())
                .map(entries -> entries.stream().filter(RollOuts::isOriginRule).toList())
                .memoize().indefinitely();
        Uni<Provisioned> rolledOut = withVolumes.chain(base -> containerNeeds(run, names, workload)
                .chain(needs -> steps.registerTaskDefinition(run, names, workload,
                        ProvisionedRefs.taskVolumes(workload, base.volumes()), needs.logGroup(), needs.secretArn()))
                .call(() -> replaceOriginRules(run, names, plan, base, originEntries))
                .chain(revision -> securityGroupsIfChanged(run, scope, base, memberships)
                        .chain(groups -> run.call(CloudOperation.UPDATE_SERVICE, () -> containers.updateService(
                                new UpdateService(base.service().cluster(), base.service().arn(),
                                        revision.taskDefinitionArn(), setCapacity ? plan.desiredCount() : null,
                                        true, SpotCapacity.strategy(workload), groups == null ? null : site.subnetIds(),
                                        groups))))
                        .replaceWith(base.withTaskDefinition(ProvisionedRefs.taskDefinitionRef(revision, workload)))));
        Uni<Provisioned> undoable = rolledOut.onFailure().recoverWithUni(failure -> run.undoRecordedAndFail(failure));

        return undoable.chain(next -> {
            Uni<Void> capacity = setCapacity
                    ? run.call(CloudOperation.REGISTER_SCALABLE_TARGET, () -> containers.registerScalableTarget(
                            new RegisterScalableTarget(ProvisionedRefs.scalableResourceId(next.service()),
                                    plan.minCapacity(), plan.maxCapacity(), names.tags()))).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return capacity
                    .onFailure(RollOuts::stopped).recoverWithUni(stop -> revert(run, current, stop))
                    .chain(() -> retireTaskDefinition(current.taskDefinition().arn(), next.taskDefinition().arn()))
                    .chain(() -> leaveOtherGroups(scope, memberships))
                    .chain(() -> deleteReplacedOriginRules(plan, originEntries))
                    .onFailure(f -> !(f instanceof ProvisioningFailedException)).transform(Run::failed)
                    .replaceWith(next);
        });
    }

    private static boolean stopped(Throwable failure) {
        return failure instanceof Stopped || failure instanceof ProvisioningFailedException p && p.stopped() != null;
    }

    /**
     * A roll-out asked to stop (cancelled, or past its deadline) after its service took the new revision: the service
     * goes back to the revision it ran before, and what the roll-out made is undone.
     */
    private <T> Uni<T> revert(Run run, Provisioned current, Throwable stop) {
        return calls.call(CloudOperation.UPDATE_SERVICE, () -> containers.updateService(new UpdateService(
                        current.service().cluster(), current.service().arn(), current.taskDefinition().arn(), null, false)))
                .onFailure().transform(Run::failed)
                .chain(() -> run.<T>undoRecordedAndFail(stop));
    }

    private static boolean isOriginRule(LedgerEntry entry) {
        return entry.kind() == ResourceKind.LISTENER_RULE && entry.name() != null && entry.name().startsWith("origin ");
    }

    /** Whether the rules in place are the ones the plan asks for (the same signatures). */
    private boolean originRulesChange(EnvironmentPlan plan, List<LedgerEntry> held) {
        List<String> wanted = steps.originRules(plan.workload()).stream().map(OriginRules.OriginRule::signature)
                .sorted().toList();
        return !wanted.equals(held.stream().map(LedgerEntry::name).sorted().toList());
    }

    /**
     * When the plan's origin protection differs from the rules in place, makes the new rules in front of the host rule
     * (the old ones stay until the roll-out has succeeded, so protection never lapses; undone if it fails).
     */
    private Uni<List<NetworkPort.ListenerRule>> replaceOriginRules(Run run, ResourceNames names, EnvironmentPlan plan,
            Provisioned base, Uni<List<LedgerEntry>> originEntries) {
        return originEntries.chain(held -> {
            if (base.loadBalancer() == null || !originRulesChange(plan, held)) {
                return Uni.createFrom().item(List.of());
            }
            Set<String> replacing = new LinkedHashSet<>(held.stream().map(LedgerEntry::providerId).toList());
            return steps.createOriginRules(run, names, base.loadBalancer().listenerRuleArn(),
                    base.loadBalancer().targetGroupArn(), steps.originRules(plan.workload()), replacing);
        });
    }

    /** Once the new origin rules are in place, deletes the ones they replace. */
    private Uni<Void> deleteReplacedOriginRules(EnvironmentPlan plan, Uni<List<LedgerEntry>> originEntries) {
        return originEntries.chain(held -> held.isEmpty() || !originRulesChange(plan, held)
                ? Uni.createFrom().voidItem()
                : deletions.deleteInOrder(held));
    }

    /**
     * The security groups the service is to run with when its shared group changes (a group it is to join is joined
     * now, and left again if the roll-out fails), else null: the service keeps its network configuration.
     */
    private Uni<List<String>> securityGroupsIfChanged(Run run, SharedGroups.Scope scope, Provisioned base,
            Uni<List<LedgerEntry>> memberships) {
        String own = base.securityGroup().id();
        return memberships.chain(held -> {
            LedgerEntry kept = scope == null ? null
                    : held.stream().filter(entry -> entry.name().equals(scope.key())).findFirst().orElse(null);
            if (held.size() == (kept == null ? 0 : 1) && (scope == null) == (kept == null)) {
                return Uni.createFrom().nullItem();
            }
            if (scope == null) {
                return Uni.createFrom().item(ProvisioningSteps.securityGroups(own, null));
            }
            return (kept != null ? Uni.createFrom().item(kept.parentId()) : steps.joinSharedGroup(run, scope))
                    .map(shared -> ProvisioningSteps.securityGroups(own, shared));
        });
    }

    /**
     * Once the service runs without them, leaves the shared groups the plan no longer asks for (the last member's
     * leave deletes the group). One that cannot be left yet stays in the ledger for the next roll-out or the teardown.
     */
    private Uni<Void> leaveOtherGroups(SharedGroups.Scope scope, Uni<List<LedgerEntry>> memberships) {
        return memberships.chain(held -> {
            List<LedgerEntry> others = held.stream()
                    .filter(entry -> scope == null || !entry.name().equals(scope.key()))
                    .toList();
            return deletions.deleteInOrder(others)
                    .onFailure().invoke(f -> LOG.warnf("environment %s: leaving a shared security group failed (%s);"
                            + " its ledger row is kept to try again", others.get(0).environmentId(), f.getMessage()))
                    .onFailure().recoverWithNull();
        });
    }

    /** Deregisters a revision the service no longer runs and replaces its ledger entry by the new one's. */
    private Uni<Void> retireTaskDefinition(String oldArn, String newArn) {
        if (oldArn.equals(newArn)) {
            return Uni.createFrom().voidItem();
        }
        return deletions.deleteWithRow(LedgerEntry.of(null, ResourceKind.TASK_DEFINITION, oldArn, null, null));
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
                    : steps.createLogGroup(run, names).map(ContainerPort.LogGroup::logGroupName);
            Uni<String> secretArn = stored != null || !workload.declaresSecrets()
                    ? Uni.createFrom().item(stored == null ? null : stored.providerId())
                    : steps.createSecret(run, names).map(ContainerPort.Secret::secretArn);
            return Uni.combine().all().unis(logGroup, secretArn).collectFailures().asTuple()
                    .map(both -> new ContainerNeeds(both.getItem1(), both.getItem2()));
        });
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
            Uni<VolumePort.FileSystem> made = steps.createFileSystem(run, names);
            Uni<NetworkPort.IngressRule> nfs = steps.authorizeNfs(run, names, groupId);
            fileSystem = Uni.combine().all().unis(made, nfs).collectFailures().asTuple()
                    .chain(both -> steps.createMountTargets(run, both.getItem1().fileSystemId(), groupId)
                            .map(mounts -> ProvisionedRefs.fileSystemRef(both.getItem1(), mounts)))
                    .memoize().indefinitely();
        }
        Uni<List<VolumeRef>> volumeRefs = fileSystem.chain(fs -> steps.createAccessPoints(run, names, fs.id(), added));
        return Uni.combine().all().unis(fileSystem, volumeRefs).collectFailures().asTuple()
                .map(both -> {
                    List<VolumeRef> all = new ArrayList<>(current.volumes());
                    all.addAll(both.getItem2());
                    return current.withVolumes(both.getItem1(), List.copyOf(all));
                });
    }
}
