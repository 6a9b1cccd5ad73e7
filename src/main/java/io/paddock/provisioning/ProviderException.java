package io.paddock.provisioning;

/**
 * A provider call failed. Adapters translate their client's exceptions into this: {@code code} is the
 * provider's error code (AWS's, e.g. {@code InvalidGroup.NotFound}), {@code providerMessage} what it said.
 * {@code notFound} marks a failure that means the resource does not exist (a deletion takes that as done);
 * {@code retryable} marks throttling and eventual-consistency failures that a repeat of the call may cure.
 */
public class ProviderException extends RuntimeException {

    private final CloudOperation operation;
    private final String code;
    private final String providerMessage;
    private final boolean notFound;
    private final boolean retryable;

    public ProviderException(CloudOperation operation, String code, String providerMessage, boolean notFound,
            boolean retryable, Throwable cause) {
        super(operation + " failed: " + (code == null ? "" : code + ": ") + providerMessage, cause);
        this.operation = operation;
        this.code = code;
        this.providerMessage = providerMessage;
        this.notFound = notFound;
        this.retryable = retryable;
    }

    /** A terminal failure: the request itself was refused. */
    public static ProviderException refused(CloudOperation operation, String code, String providerMessage) {
        return new ProviderException(operation, code, providerMessage, false, false, null);
    }

    /** The resource the call names does not exist. */
    public static ProviderException notFound(CloudOperation operation, String code, String providerMessage) {
        return new ProviderException(operation, code, providerMessage, true, false, null);
    }

    public CloudOperation operation() {
        return operation;
    }

    public String code() {
        return code;
    }

    public String providerMessage() {
        return providerMessage;
    }

    public boolean isNotFound() {
        return notFound;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
