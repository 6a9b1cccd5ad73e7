package io.paddock.environments;

/**
 * An environment claimed for a change (UPDATING, with this holder's lease): the row as it was read under the
 * lock, with the change applied, and what it was before, which {@link EnvironmentTransitions#undo} restores.
 */
public record Claim(ApplicationEnvironment env, Fence fence, Before before) {

    /** What a failed change puts back: the status, and the compose, capacity and variables an update replaced. */
    public record Before(EnvironmentStatus status, String compose, int minCapacity, int maxCapacity, String variables) {

        static Before of(ApplicationEnvironment env) {
            return new Before(env.status, env.compose, env.minCapacity, env.maxCapacity, env.variables);
        }
    }
}
