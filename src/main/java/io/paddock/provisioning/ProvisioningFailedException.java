package io.paddock.provisioning;

/**
 * A provisioning step failed and what had been made was undone. {@code step} is the provider operation
 * that failed (AWS's name, e.g. CreateService); {@code providerMessage} is what the provider said.
 */
public class ProvisioningFailedException extends RuntimeException {

    private final String step;
    private final String providerCode;
    private final String providerMessage;

    public ProvisioningFailedException(String step, String providerCode, String providerMessage, Throwable cause) {
        super(step + " failed: " + (providerCode == null ? "" : providerCode + ": ") + providerMessage, cause);
        this.step = step;
        this.providerCode = providerCode;
        this.providerMessage = providerMessage;
    }

    public String step() {
        return step;
    }

    public String providerCode() {
        return providerCode;
    }

    public String providerMessage() {
        return providerMessage;
    }

    /**
     * Whether retrying cannot cure this failure: the provider refused the request itself, or the resource it names
     * does not exist ({@link ProviderException.Terminal}). A failure that came of throttling, eventual consistency, a
     * resource still in use, a timeout or an unreachable provider is not terminal, and neither is one that did not
     * come from the provider at all (the database, say).
     */
    public boolean isTerminal() {
        return getCause() instanceof ProviderException.Terminal;
    }

    /**
     * Whether the run stopped because its caller's lease on the environment was taken over ({@link Fenced}): the
     * new holder finishes or undoes the work.
     */
    public boolean isFenced() {
        return getCause() instanceof Fenced;
    }

    /**
     * Why the run was asked to stop before its end, when it was ({@link Stopped}: cancelled, or past its deadline);
     * null when it failed or was fenced.
     */
    public StepGuard.Verdict stopped() {
        return getCause() instanceof Stopped stopped ? stopped.verdict() : null;
    }

    /** Whether {@code failure} is a terminal provisioning failure. */
    public static boolean isTerminal(Throwable failure) {
        return failure instanceof ProvisioningFailedException p && p.isTerminal();
    }
}
