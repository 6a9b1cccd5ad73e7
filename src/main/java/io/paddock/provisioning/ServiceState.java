package io.paddock.provisioning;

/** What the provider reports about an environment's service right now. */
public record ServiceState(int runningCount, int desiredCount, boolean deploymentInProgress) {
}
