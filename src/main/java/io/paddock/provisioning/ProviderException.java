package io.paddock.provisioning;

/**
 * A provider call failed. Adapters translate their client's exceptions into this: {@code code} is the provider's
 * error code (AWS's, e.g. {@code InvalidGroup.NotFound}), {@code providerMessage} what it said.
 *
 * <p>What a caller may do about it is the type: a {@link Retryable} failure may go away if the call is repeated
 * (throttling, a server error, no answer in time, a resource still in use or not yet settled); a {@link Terminal}
 * one will not, because the request itself was refused. {@link NotFound} is the terminal failure a deletion takes
 * as done.
 */
public abstract sealed class ProviderException extends RuntimeException {

    private final CloudOperation operation;
    private final String code;
    private final String providerMessage;

    private ProviderException(CloudOperation operation, String code, String providerMessage, Throwable cause) {
        super(operation + " failed: " + (code == null ? "" : code + ": ") + providerMessage, cause);
        this.operation = operation;
        this.code = code;
        this.providerMessage = providerMessage;
    }

    /** The request itself was refused. */
    public static Terminal refused(CloudOperation operation, String code, String providerMessage) {
        return refused(operation, code, providerMessage, null);
    }

    /** The request itself was refused; {@code cause} is the client's own exception. */
    public static Terminal refused(CloudOperation operation, String code, String providerMessage, Throwable cause) {
        return new Terminal(operation, code, providerMessage, cause);
    }

    /** The resource the call names does not exist. */
    public static NotFound notFound(CloudOperation operation, String code, String providerMessage) {
        return notFound(operation, code, providerMessage, null);
    }

    /** The resource the call names does not exist; {@code cause} is the client's own exception. */
    public static NotFound notFound(CloudOperation operation, String code, String providerMessage, Throwable cause) {
        return new NotFound(operation, code, providerMessage, cause);
    }

    /**
     * A repeat of the call may succeed: the provider throttled it, failed on its side, did not answer, or found the
     * resource still in use or still changing.
     */
    public static Retryable retryable(CloudOperation operation, String code, String providerMessage) {
        return retryable(operation, code, providerMessage, null);
    }

    /** A repeat of the call may succeed; {@code cause} is the client's own exception. */
    public static Retryable retryable(CloudOperation operation, String code, String providerMessage, Throwable cause) {
        return new Retryable(operation, code, providerMessage, cause);
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
        return this instanceof NotFound;
    }

    /** A failure a repeat of the same call may cure. */
    public static final class Retryable extends ProviderException {

        private Retryable(CloudOperation operation, String code, String providerMessage, Throwable cause) {
            super(operation, code, providerMessage, cause);
        }
    }

    /** A failure no repeat of the same call cures: the request itself was refused. */
    public static sealed class Terminal extends ProviderException {

        private Terminal(CloudOperation operation, String code, String providerMessage, Throwable cause) {
            super(operation, code, providerMessage, cause);
        }
    }

    /** The resource the call names does not exist: terminal for the call, done for a deletion. */
    public static final class NotFound extends Terminal {

        private NotFound(CloudOperation operation, String code, String providerMessage, Throwable cause) {
            super(operation, code, providerMessage, cause);
        }
    }
}
