package io.paddock.environments;

import io.paddock.environments.EnvironmentDtos.CreateEnvironmentRequest;
import io.paddock.environments.EnvironmentDtos.UpdateEnvironmentRequest;
import io.paddock.errors.ApiException;

/**
 * The compose an environment is created or updated with, from the request: defaults applied, image tags
 * rewritten, capacity settled (the request's, else the compose's, else what the environment has), the task size
 * resolved.
 */
final class Composes {

    private Composes() {
    }

    static Compose forCreate(Compose source, CreateEnvironmentRequest request) {
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

    static Compose forUpdate(UpdateEnvironmentRequest request, ApplicationEnvironment env) {
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
