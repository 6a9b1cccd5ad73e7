package io.paddock.variables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.Change;
import io.paddock.environments.OperationType;
import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.environments.EnvironmentKey;
import io.paddock.environments.EnvironmentRollOuts;
import io.paddock.environments.EnvironmentViews;
import io.paddock.environments.StoredJson;
import io.paddock.errors.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * An environment's own variables: stored on the environment and injected into every container of its task definition
 * (a container that sets a name itself keeps its own value). Setting or removing them is a change of the environment
 * like a compose update ({@link EnvironmentRollOuts}): a new task definition revision and a rolling service update;
 * when it fails, the variables are what they were before.
 */
@ApplicationScoped
public class VariableService {

    private static final Change SET = Change.of("changed").about("its variables").as(OperationType.VARIABLES);

    @Inject EnvironmentRollOuts rollOuts;
    @Inject EnvironmentViews views;
    @Inject StoredJson json;

    /** The variables by name, in the order they were first set. */
    public Uni<Map<String, String>> list(EnvironmentKey key) {
        return views.find(key).map(env -> byName(json.variables(env.variables)));
    }

    /** Replaces every variable with {@code variables} (validated: each name valid, and sent once). */
    public Uni<Map<String, String>> replaceAll(EnvironmentKey key, List<EnvironmentVariable> variables) {
        String stored = json.write(variables);
        return rollOuts.rollOut(key, SET, env -> {
                }, env -> env.variables = stored)
                .map(env -> byName(json.variables(env.variables)));
    }

    /** Sets one variable: a new one is added after the others, an existing one keeps its place. */
    public Uni<EnvironmentVariable> set(EnvironmentKey key, String name, String value) {
        return rollOuts.rollOut(key, SET, env -> {
                }, env -> env.variables = json.write(with(json.variables(env.variables), name, value)))
                .map(env -> new EnvironmentVariable(name, value));
    }

    /** Removes one variable; 404 when the environment has none of that name. */
    public Uni<Void> delete(EnvironmentKey key, String name) {
        return rollOuts.rollOut(key, SET, env -> without(env, name), env -> env.variables = json.write(without(env, name)))
                .replaceWithVoid();
    }

    private static List<EnvironmentVariable> with(List<EnvironmentVariable> variables, String name, String value) {
        List<EnvironmentVariable> next = new ArrayList<>();
        boolean replaced = false;
        for (EnvironmentVariable v : variables) {
            if (v.name().equals(name)) {
                next.add(new EnvironmentVariable(name, value));
                replaced = true;
            } else {
                next.add(v);
            }
        }
        if (!replaced) {
            next.add(new EnvironmentVariable(name, value));
        }
        return next;
    }

    private List<EnvironmentVariable> without(ApplicationEnvironment env, String name) {
        List<EnvironmentVariable> variables = json.variables(env.variables);
        List<EnvironmentVariable> next = variables.stream().filter(v -> !v.name().equals(name)).toList();
        if (next.size() == variables.size()) {
            throw ApiException.notFound("Environment " + env.envName + " has no variable named " + name
                    + ". GET its variables to see their names.");
        }
        return next;
    }

    private static Map<String, String> byName(List<EnvironmentVariable> variables) {
        Map<String, String> map = new LinkedHashMap<>();
        variables.forEach(v -> map.put(v.name(), v.value()));
        return map;
    }
}
