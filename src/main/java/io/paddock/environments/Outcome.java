package io.paddock.environments;

/**
 * What a finished change writes: the status it ends in (ACTIVE or STOPPED) and the stored documents it changed;
 * a null leaves that column as it is. The failure of an earlier change is cleared.
 */
public record Outcome(EnvironmentStatus status, String compose, String provisioned, Integer desiredCount,
        String scalingPolicies) {

    /** Ends the change in {@code status}, changing nothing else. */
    public static Outcome in(EnvironmentStatus status) {
        return new Outcome(status, null, null, null, null);
    }

    /** Ends the change in the status the environment had before it. */
    public static Outcome as(Claim claim) {
        return in(claim.before().status());
    }

    public Outcome withCompose(String json) {
        return new Outcome(status, json, provisioned, desiredCount, scalingPolicies);
    }

    public Outcome withProvisioned(String json) {
        return new Outcome(status, compose, json, desiredCount, scalingPolicies);
    }

    public Outcome withDesiredCount(int count) {
        return new Outcome(status, compose, provisioned, count, scalingPolicies);
    }

    public Outcome withScalingPolicies(String json) {
        return new Outcome(status, compose, provisioned, desiredCount, json);
    }
}
