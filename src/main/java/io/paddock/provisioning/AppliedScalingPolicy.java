package io.paddock.provisioning;

/**
 * A policy as it was put: its ARN and name, and for a request-count policy the target group's resource label it
 * tracks (null for the other metrics).
 */
public record AppliedScalingPolicy(String policyArn, String policyName, String resourceLabel) {
}
