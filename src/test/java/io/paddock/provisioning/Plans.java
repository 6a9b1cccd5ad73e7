package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.Compose;
import io.paddock.environments.Compose.Container;
import io.paddock.environments.Compose.ImageReference;
import io.paddock.environments.Compose.MountPoint;
import io.paddock.environments.ProvisioningPlans;

/** Environment plans for provisioning tests, each with a fresh environment id, mapped as the environments feature maps them. */
final class Plans {

    private Plans() {
    }

    /** One container exposing 8080 and mounting the volume "files". */
    static EnvironmentPlan web() {
        return plan(compose("nginx:1.27", List.of(8080), List.of("files")));
    }

    /** {@link #web()} with a secret from the environment's app-secrets store. */
    static EnvironmentPlan webWithSecret() {
        Compose web = compose("nginx:1.27", List.of(8080), List.of("files"));
        Container container = web.containers().get(0);
        Container withSecret = new Container(container.name(), container.imageReference(), container.cpu(),
                container.memory(), null, container.exposedPorts(), container.mountPoints(), null,
                List.of(new Compose.SecretReference("DB_PASSWORD", "db_password")), null, null, null, null, null, true,
                false, null, false, null);
        return plan(web.withContainers(List.of(withSecret)));
    }

    /** One container that exposes no port and mounts nothing. */
    static EnvironmentPlan worker() {
        return plan(compose("busybox:1.36", null, List.of()));
    }

    /** A new environment of that application. */
    static EnvironmentPlan plan(Compose compose, String organisation, String application) {
        UUID id = UUID.randomUUID();
        return ProvisioningPlans.plan(environment(id, organisation, application, "dev-" + id.toString().substring(0, 6)),
                compose, List.of(), 1, StepGuard.ALWAYS);
    }

    /** {@link #compose} of one web container, with cross-environment and cross-application networking as given. */
    static Compose networked(boolean crossEnv, boolean crossApp) {
        Compose web = compose("nginx:1.27", List.of(8080), List.of());
        return new Compose(web.containers(), web.architecture(), web.taskCpu(), web.taskMemory(), null, 1, 2, null,
                crossEnv, crossApp);
    }

    static EnvironmentPlan plan(Compose compose) {
        UUID id = UUID.randomUUID();
        return ProvisioningPlans.plan(environment(id, "acme", "shop", "dev-" + id.toString().substring(0, 6)), compose,
                List.of(), 1, StepGuard.ALWAYS);
    }

    /** The same environment with another compose (an update). */
    static EnvironmentPlan with(EnvironmentPlan plan, Compose compose) {
        return ProvisioningPlans.plan(environment(plan.environmentId(), plan.organisation(), plan.application(),
                plan.envName()), compose, List.of(), plan.desiredCount(), plan.guard());
    }

    private static ApplicationEnvironment environment(UUID id, String organisation, String application, String envName) {
        ApplicationEnvironment env = new ApplicationEnvironment();
        env.id = id;
        env.organisation = organisation;
        env.application = application;
        env.envName = envName;
        return env;
    }

    /** The same environment's references, naming another service (one that need not exist). */
    static Provisioned withServiceArn(Provisioned provisioned, String serviceArn) {
        return new Provisioned(provisioned.taskDefinition(), new Provisioned.ServiceRef(serviceArn,
                provisioned.service().name(), provisioned.service().cluster()), provisioned.loadBalancer(),
                provisioned.securityGroup(), provisioned.subnet(), provisioned.vpc(), provisioned.fileSystem(),
                provisioned.volumes());
    }

    static Compose compose(String image, List<Integer> ports, List<String> volumes) {
        List<MountPoint> mounts = new ArrayList<>();
        for (String volume : volumes) {
            mounts.add(new MountPoint(volume, "/mnt/" + volume, false));
        }
        Container container = new Container("web", new ImageReference("external", image), 256, 512, null, ports,
                mounts.isEmpty() ? null : mounts, null, null, null, null, null, null, null, true, false, null, false, null);
        return new Compose(List.of(container), Compose.X86_64, 256, 512, null, 1, 2, null, null, null);
    }
}
