package io.paddock.environments;

/**
 * What a finished change writes: the status it ends in (ACTIVE or STOPPED) and the stored documents it changed;
 * a null leaves that column as it is. The failure of an earlier change is cleared.
 */
public record Outcome(EnvironmentStatus status, String compose, String provisioned, Integer desiredCount,
        String scalingPolicies, String variables) {

    /** Ends the change in {@code status}, changing nothing else. */
    public static Outcome in(EnvironmentStatus status) {
        return new Outcome(status, null, null, null, null, null);
    }

    /** Ends the change in the status the environment had before it. */
    public static Outcome as(Claim claim) {
        return in(claim.before().status());
    }

    public Outcome withCompose(String json) {
        return new Outcome(status, json, provisioned, desiredCount, scalingPolicies, variables);
    }

    public Outcome withProvisioned(String json) {
        return new Outcome(status, compose, json, desiredCount, scalingPolicies, variables);
    }

    public Outcome withDesiredCount(int count) {
        return new Outcome(status, compose, provisioned, count, scalingPolicies, variables);
    }

    public Outcome withScalingPolicies(String json) {
        return new Outcome(status, compose, provisioned, desiredCount, json, variables);
    }

    /** The environment's variables (a JSON array of name and value), as they were before a failed change. */
    public Outcome withVariables(String json) {
        return new Outcome(status, compose, provisioned, desiredCount, scalingPolicies, json);
    }
}
