package io.paddock.environments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
     * What provisioning runs for {@code env} with {@code compose} (validated and defaulted) and the environment's
     * {@code variables} at {@code desiredCount}, every step of it only while {@code guard} says the lease is still held.
     */
    public static EnvironmentPlan plan(ApplicationEnvironment env, Compose compose,
            List<Compose.EnvironmentVariable> variables, int desiredCount, StepGuard guard) {
        return new EnvironmentPlan(env.id, env.organisation, env.application, env.envName, workload(compose, variables),
                desiredCount, guard);
    }

    /**
     * The compose as provisioning's description, field for field: the two serialise to the same JSON, which is what
     * a task definition's digest is computed from. The environment's {@code variables} are in every container's
     * environment, except where the container sets that name itself (see {@link #environment}).
     */
    static Workload workload(Compose compose, List<Compose.EnvironmentVariable> variables) {
        return new Workload(each(compose.containers(), c -> container(c, variables)), compose.architecture(),
                compose.taskCpu(), compose.taskMemory(), compose.taskRoleArn(), compose.minCapacity(),
                compose.maxCapacity(), compose.spotConfiguration() == null ? null
                        : new Workload.SpotConfiguration(compose.spotConfiguration().strategy()),
                compose.enableCrossEnvNetworking(), compose.enableCrossAppNetworking());
    }

    private static Workload.Container container(Compose.Container c, List<Compose.EnvironmentVariable> variables) {
        return new Workload.Container(c.name(),
                new Workload.ImageReference(c.imageReference().type(), c.imageReference().identifier()),
                c.cpu(), c.memory(), c.memoryReservation(), c.exposedPorts(),
                each(c.mountPoints(), m -> new Workload.MountPoint(m.sourceVolume(), m.containerPath(), m.readOnly())),
                environment(c, variables),
                each(c.secrets(), s -> new Workload.SecretReference(s.name(), s.valueFrom())),
                healthCheck(c.healthCheck()),
                each(c.dependsOn(), d -> new Workload.DependsOn(d.containerName(), d.condition())),
                c.command(), c.entryPoint(), c.workingDirectory(), c.isEssential(), c.readonlyRootFilesystem(), c.user(),
                c.originProtection(), c.originProtectionConfig() == null ? null
                        : new Workload.OriginProtectionConfig(c.originProtectionConfig().enabled(),
                                c.originProtectionConfig().ipAllow(), c.originProtectionConfig().redirectHost()));
    }

    /**
     * A container's environment: the environment's variables first, then the container's own. A name the container
     * sets itself, in its environment or its secrets, keeps the container's value: the container's definition is the
     * more specific one (as a Kubernetes container's env wins over its envFrom), and ECS refuses a name set twice.
     * With no environment variables the container's list is unchanged (null stays null), so the task definition's
     * digest is what it was before the environment had any.
     */
    private static List<Workload.EnvironmentVariable> environment(Compose.Container c,
            List<Compose.EnvironmentVariable> variables) {
        List<Workload.EnvironmentVariable> own = each(c.environment(),
                v -> new Workload.EnvironmentVariable(v.name(), v.value()));
        if (variables == null || variables.isEmpty()) {
            return own;
        }
        Set<String> defined = new HashSet<>();
        if (c.environment() != null) {
            c.environment().forEach(v -> defined.add(v.name()));
        }
        if (c.secrets() != null) {
            c.secrets().forEach(s -> defined.add(s.name()));
        }
        List<Workload.EnvironmentVariable> merged = new ArrayList<>();
        for (Compose.EnvironmentVariable v : variables) {
            if (!defined.contains(v.name())) {
                merged.add(new Workload.EnvironmentVariable(v.name(), v.value()));
            }
        }
        if (own != null) {
            merged.addAll(own);
        }
        return merged;
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
