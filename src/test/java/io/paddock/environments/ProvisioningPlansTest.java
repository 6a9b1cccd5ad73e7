package io.paddock.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.paddock.environments.Compose.Container;
import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.environments.Compose.ImageReference;
import io.paddock.environments.Compose.SecretReference;
import io.paddock.provisioning.Workload;

/** How an environment's variables meet its containers' own environment in what provisioning runs. */
class ProvisioningPlansTest {

    private static Container container(String name, List<EnvironmentVariable> environment, List<SecretReference> secrets) {
        return new Container(name, new ImageReference("internal", name + "-latest"), null, null, null, null, null,
                environment, secrets, null, null, null, null, null, null, null, null, null, null);
    }

    private static List<String> pairs(Workload.Container container) {
        return container.environment().stream().map(v -> v.name() + "=" + v.value()).toList();
    }

    @Test
    void everyContainerGetsTheVariablesAndItsOwnNameWins() {
        Compose compose = new Compose(List.of(
                container("web", List.of(new EnvironmentVariable("LOG_LEVEL", "debug")), null),
                container("worker", null, List.of(new SecretReference("DATABASE_URL", "db-url"))),
                container("cron", null, null)), null, null, null, null, null, null, null, null, null);
        List<EnvironmentVariable> variables = List.of(new EnvironmentVariable("DATABASE_URL", "postgres://db/shop"),
                new EnvironmentVariable("LOG_LEVEL", "info"));

        List<Workload.Container> containers = ProvisioningPlans.workload(compose, variables).containers();

        assertThat(pairs(containers.get(0))).containsExactly("DATABASE_URL=postgres://db/shop", "LOG_LEVEL=debug");
        assertThat(pairs(containers.get(1))).containsExactly("LOG_LEVEL=info");
        assertThat(containers.get(1).secrets()).extracting(Workload.SecretReference::name).containsExactly("DATABASE_URL");
        assertThat(pairs(containers.get(2))).containsExactly("DATABASE_URL=postgres://db/shop", "LOG_LEVEL=info");
    }

    @Test
    void withoutVariablesTheContainersAreAsTheComposeSays() {
        Compose compose = new Compose(List.of(container("web", null, null),
                container("worker", List.of(new EnvironmentVariable("A", "1")), null)), null, null, null, null, null,
                null, null, null, null);

        List<Workload.Container> containers = ProvisioningPlans.workload(compose, List.of()).containers();

        assertThat(containers.get(0).environment()).isNull();
        assertThat(pairs(containers.get(1))).containsExactly("A=1");
    }
}
