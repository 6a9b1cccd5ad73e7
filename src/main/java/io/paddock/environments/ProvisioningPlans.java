package io.paddock.environments;

import java.util.List;
import java.util.function.Function;

import io.paddock.provisioning.EnvironmentPlan;
import io.paddock.provisioning.StepGuard;
import io.paddock.provisioning.Workload;

/**
 * The one place where an environment and its compose become what provisioning runs: the provisioning layer
 * knows no feature package, so everything it needs is mapped here.
 */
public final class ProvisioningPlans {

    private ProvisioningPlans() {
    }

    /**
     * What provisioning runs for {@code env} with {@code compose} (validated and defaulted) at {@code desiredCount},
     * every step of it only while {@code guard} says the lease is still held.
     */
    public static EnvironmentPlan plan(ApplicationEnvironment env, Compose compose, int desiredCount, StepGuard guard) {
        return new EnvironmentPlan(env.id, env.organisation, env.application, env.envName, workload(compose),
                desiredCount, guard);
    }

    /**
     * The compose as provisioning's description, field for field: the two serialise to the same JSON, which is what
     * a task definition's digest is computed from.
     */
    static Workload workload(Compose compose) {
        return new Workload(each(compose.containers(), ProvisioningPlans::container), compose.architecture(),
                compose.taskCpu(), compose.taskMemory(), compose.taskRoleArn(), compose.minCapacity(),
                compose.maxCapacity(), compose.spotConfiguration() == null ? null
                        : new Workload.SpotConfiguration(compose.spotConfiguration().strategy()),
                compose.enableCrossEnvNetworking(), compose.enableCrossAppNetworking());
    }

    private static Workload.Container container(Compose.Container c) {
        return new Workload.Container(c.name(),
                new Workload.ImageReference(c.imageReference().type(), c.imageReference().identifier()),
                c.cpu(), c.memory(), c.memoryReservation(), c.exposedPorts(),
                each(c.mountPoints(), m -> new Workload.MountPoint(m.sourceVolume(), m.containerPath(), m.readOnly())),
                each(c.environment(), v -> new Workload.EnvironmentVariable(v.name(), v.value())),
                each(c.secrets(), s -> new Workload.SecretReference(s.name(), s.valueFrom())),
                healthCheck(c.healthCheck()),
                each(c.dependsOn(), d -> new Workload.DependsOn(d.containerName(), d.condition())),
                c.command(), c.entryPoint(), c.workingDirectory(), c.isEssential(), c.readonlyRootFilesystem(), c.user(),
                c.originProtection(), c.originProtectionConfig() == null ? null
                        : new Workload.OriginProtectionConfig(c.originProtectionConfig().enabled(),
                                c.originProtectionConfig().ipAllow(), c.originProtectionConfig().redirectHost()));
    }

    private static Workload.HealthCheck healthCheck(Compose.HealthCheck check) {
        if (check == null) {
            return null;
        }
        Compose.HealthCheck timed = check.withDefaults();
        return new Workload.HealthCheck(timed.command(), timed.interval(), timed.timeout(), timed.retries(),
                timed.startPeriod());
    }

    /** Null stays null: the JSON leaves out what the compose leaves out. */
    private static <A, B> List<B> each(List<A> items, Function<A, B> map) {
        return items == null ? null : items.stream().map(map).toList();
    }
}
