package io.paddock.environments;

import java.util.ArrayList;
import java.util.List;

import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.environments.EnvironmentDtos.CreateEnvironmentRequest;

/**
 * The variables a new environment starts with: the request's {@code environment}; with {@code cloneConfigurationFrom},
 * the cloned environment's, which {@code environment} replaces ({@code mergeEnvironment} false, the default) or is
 * merged into (true: a name in both takes the value sent, the others keep their place). A clone that sends no
 * {@code environment} keeps the cloned variables: it clones the configuration.
 */
final class CreateVariables {

    private CreateVariables() {
    }

    static List<EnvironmentVariable> of(CreateEnvironmentRequest request, List<EnvironmentVariable> cloned) {
        List<EnvironmentVariable> sent = request.environment();
        if (sent == null) {
            return cloned;
        }
        if (request.cloneConfigurationFrom() == null || !Boolean.TRUE.equals(request.mergeEnvironment())) {
            return sent;
        }
        List<EnvironmentVariable> merged = new ArrayList<>(cloned);
        for (EnvironmentVariable variable : sent) {
            int at = indexOf(merged, variable.name());
            if (at >= 0) {
                merged.set(at, variable);
            } else {
                merged.add(variable);
            }
        }
        return merged;
    }

    private static int indexOf(List<EnvironmentVariable> variables, String name) {
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
