package io.paddock.environments;

import java.util.List;

import io.paddock.environments.EnvironmentDtos.CreateEnvironmentRequest;
import io.paddock.environments.EnvironmentDtos.UpdateEnvironmentRequest;
import io.paddock.errors.ApiException;
import io.paddock.provisioning.CloudSite;

/**
 * The compose an environment is created or updated with, from the request: defaults applied, image tags
 * rewritten, capacity settled (the request's, else the compose's, else what the environment has), the task size
 * resolved, the task role one the site allows.
 */
final class Composes {

    private Composes() {
    }

    static Compose forCreate(Compose source, CreateEnvironmentRequest request, CloudSite site) {
        checkTaskRole(source, site);
        Compose compose = source.withDefaults();
        if (request.imageSuffix() != null) {
            compose = ImageTags.withSuffix(compose, request.imageSuffix());
        }
        int min = firstOf(request.minCapacity(), compose.minCapacity(), 1);
        int max = firstOf(request.maxCapacity(), compose.maxCapacity(), Math.max(min, 1));
        if (min > max) {
            String path = request.minCapacity() != null ? "/minCapacity" : "/maxCapacity";
            throw ApiException.validation(path, "makes minCapacity (" + min + ") more than maxCapacity (" + max
                    + "); send values with minCapacity <= maxCapacity");
        }
        if (request.spotConfiguration() != null) {
            compose = compose.withSpotConfiguration(request.spotConfiguration());
        }
        checkSpot(compose, min, request.minCapacity() != null ? "/minCapacity"
                : request.spotConfiguration() != null || request.composeDefinition() == null ? "/spotConfiguration/strategy"
                : "/composeDefinition/spotConfiguration/strategy");
        return sized(compose, min, max);
    }

    static Compose forUpdate(UpdateEnvironmentRequest request, ApplicationEnvironment env, CloudSite site) {
        checkTaskRole(request.composeDefinition(), site);
        Compose compose = request.composeDefinition().withDefaults();
        int min = firstOf(request.minCapacity(), compose.minCapacity(), env.minCapacity);
        int max = firstOf(request.maxCapacity(), compose.maxCapacity(), env.maxCapacity);
        if (min > max) {
            throw ApiException.validation(request.minCapacity() != null ? "/minCapacity" : "/composeDefinition/minCapacity",
                    "makes minCapacity (" + min + ") more than maxCapacity (" + max + ")");
        }
        checkSpot(compose, min, request.minCapacity() != null ? "/minCapacity"
                : "/composeDefinition/spotConfiguration/strategy");
        return sized(compose, min, max);
    }

    /**
     * The role a compose names must be one the site allows: the tasks run as it, so any other would let a tenant act
     * as whatever role Paddock itself may pass to ECS. No role means the site's default.
     */
    static void checkTaskRole(Compose compose, CloudSite site) {
        String role = compose.taskRoleArn();
        if (role != null && !role.isBlank() && !site.allowsTaskRole(role)) {
            List<String> allowed = site.allowedTaskRoles();
            throw ApiException.validation("/composeDefinition/taskRoleArn", "is not a role Paddock may pass to tasks; "
                    + (allowed.isEmpty() ? "none is allowed here (paddock.aws.task-role-arns is empty): leave taskRoleArn out"
                            : "send one of " + String.join(", ", allowed)
                                    + " (paddock.aws.task-role-arns; * stands for any characters), or leave it out for the default"));
        }
    }

    /**
     * A mixed strategy splits the tasks between FARGATE and FARGATE_SPOT, which takes at least two of them: with fewer,
     * it is on-demand or Spot only and not what was asked for. {@code path} is the field the caller should change.
     */
    private static void checkSpot(Compose compose, int min, String path) {
        String strategy = compose.spotConfiguration() == null ? null : compose.spotConfiguration().strategy();
        if (strategy != null && strategy.startsWith("mixed-") && min < 2) {
            throw ApiException.validation(path, "strategy " + strategy + " splits the tasks between FARGATE and"
                    + " FARGATE_SPOT and needs minCapacity of 2 or more (it is " + min + "); send minCapacity >= 2,"
                    + " or strategy spot-only or off");
        }
    }

    private static Compose sized(Compose compose, int min, int max) {
        int[] size = ComposeValidator.resolveTaskSize(compose);
        return compose.withTaskSize(size[0], size[1]).withCapacity(min, max);
    }

    private static int firstOf(Integer first, Integer second, int fallback) {
        return first != null ? first : second != null ? second : fallback;
    }
}
