package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.paddock.provisioning.ContainerPort.UpdateService;
import io.paddock.provisioning.Provisioned.VolumeRef;
import io.paddock.provisioning.ProvisioningSteps.NewVolume;
import io.paddock.web.CallerContext;
import io.paddock.web.Detached;
import io.smallrye.mutiny.Uni;

/**
 * Provisions environments through the configured provider's ports: a create along its dependency graph
 * ({@link CreateGraph}), changes to a running environment ({@link RollOuts}), scaling policies
 * ({@link ScalingPolicies}), teardown, and the service's counts.
 *
 * <p>An operation that makes or deletes something runs to its end even if its caller goes away, since a create cut
 * short would leave what it made with nothing to undo it. Every answer is handed back on the caller's Vert.x context,
 * and every failure is a {@link ProvisioningFailedException}.
 */
@ApplicationScoped
public class Orchestrator implements Provisioning {

    private static final Logger LOG = Logger.getLogger(Orchestrator.class);

    @Inject CreateGraph graph;
    @Inject RollOuts rollOuts;
    @Inject ScalingPolicies scalingPolicies;
    @Inject Runs runs;
    @Inject ContainerPort containers;
    @Inject CloudCalls calls;
    @Inject ResourceDeletions deletions;

    @Override
    public Uni<Provisioned> create(EnvironmentPlan plan) {
        return detached(() -> {
            Run run = runs.start(plan);
            return Uni.createFrom().deferred(() -> graph.create(plan, run))
                    .onFailure().recoverWithUni(failure -> run.undoAndFail(failure,
                            () -> deletions.deleteAll(plan.environmentId(), plan.guard())));
        });
    }

    @Override
    public Uni<Provisioned> update(EnvironmentPlan plan, Provisioned current) {
        return detached(() -> rollOuts.update(plan, current));
    }

    @Override
    public Uni<Provisioned> redeploy(EnvironmentPlan plan, Provisioned current) {
        return detached(() -> rollOuts.redeploy(plan, current));
    }

    @Override
    public Uni<Void> scale(Provisioned current, int desiredCount) {
        Executor caller = CallerContext.capture();
        // Stopped stays stopped: automatic scaling would otherwise take the service back up to its minimum.
        // It is suspended before the service goes to zero and resumed once it runs again.
        String target = ProvisionedRefs.scalableResourceId(current.service());
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
        byCluster.forEach((cluster, arns) -> batches.add(
                calls.call(CloudOperation.DESCRIBE_SERVICES, () -> containers.describeServices(cluster, arns))
                        .onFailure().invoke(e -> LOG.debugf("services of cluster %s did not report their counts: %s",
                                cluster, e.getMessage()))
                        .onFailure().recoverWithItem(Map.of())));
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
        if (current.volumes().stream().anyMatch(v -> v.volumeName().equals(volumeName))) {
            Executor caller = CallerContext.capture();
            return Uni.createFrom().item(current).emitOn(caller);
        }
        return detached(() -> rollOuts.addVolume(plan, current, new NewVolume(volumeName, description, rootDirectory)));
    }

    @Override
    public Uni<Provisioned> removeVolume(Provisioned current, String volumeName) {
        Executor caller = CallerContext.capture();
        VolumeRef volume = current.volumes().stream().filter(v -> v.volumeName().equals(volumeName)).findFirst()
                .orElse(null);
        if (volume == null) {
            return Uni.createFrom().item(current).emitOn(caller);
        }
        Provisioned without = current.withVolumes(current.fileSystem(),
                current.volumes().stream().filter(v -> v != volume).toList());
        return deletions.deleteWithRow(LedgerEntry.of(null, ResourceKind.ACCESS_POINT, volume.accessPointId(), null,
                        volumeName))
                .onFailure().transform(Run::failed)
                .replaceWith(without)
                .emitOn(caller);
    }

    @Override
    public Uni<AppliedScalingPolicy> putScalingPolicy(UUID environmentId, Provisioned current,
            ScalingPolicyPlan policy) {
        Uni<AppliedScalingPolicy> put = scalingPolicies.put(environmentId, current, policy);
        return detached(() -> put.onFailure().transform(Run::failed));
    }

    @Override
    public Uni<Void> deleteScalingPolicy(UUID environmentId, Provisioned current, String policyName) {
        Uni<Void> delete = scalingPolicies.delete(environmentId, current, policyName);
        return detached(() -> delete.onFailure().transform(Run::failed));
    }

    @Override
    public Uni<Void> teardown(UUID environmentId, StepGuard guard) {
        return detached(() -> deletions.deleteAll(environmentId, guard)
                .onFailure().transform(Run::failed));
    }

    @Override
    public Uni<Void> removeUnrecorded(UUID environmentId) {
        return detached(() -> deletions.deleteUnrecorded(environmentId)
                .onFailure().transform(Run::failed));
    }

    @Override
    public Uni<Map<UUID, Integer>> taggedEnvironments() {
        return detached(() -> deletions.taggedEnvironments()
                .onFailure().transform(Run::failed));
    }

    @Override
    public Uni<Integer> removeOrphans(UUID environmentId) {
        return detached(() -> deletions.deleteOrphaned(environmentId)
                .onFailure().transform(Run::failed));
    }

    /** Runs the operation to its end whatever its subscriber does, and answers on the caller's context. */
    private static <T> Uni<T> detached(Supplier<Uni<T>> operation) {
        Executor caller = CallerContext.capture();
        return Detached.run(operation).emitOn(caller);
    }
}
