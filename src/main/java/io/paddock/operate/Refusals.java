package io.paddock.operate;

import io.paddock.errors.ApiException;
import io.paddock.provisioning.ProviderException;

/**
 * A provider's failure as the answer to a call that reads or operates an environment: a parameter the provider
 * refused is the client's (422 naming it); anything else is {@code 502 ProvisioningFailed} naming the operation and
 * the provider's code and message, or {@code 503} when retrying may cure it.
 */
final class Refusals {

    private Refusals() {
    }

    static ApiException of(ProviderException failure, boolean sentToken, boolean sentPattern) {
        String message = failure.providerMessage() == null ? "" : failure.providerMessage();
        if ("InvalidParameterException".equals(failure.code())) {
            if (sentPattern && message.toLowerCase(java.util.Locale.ROOT).contains("pattern")) {
                return QueryProblems.refused("filterPattern", "was refused by the log service: " + message);
            }
            if (sentToken) {
                return QueryProblems.refused("nextToken", "is no longer valid (" + message + "); start again from the"
                        + " first page");
            }
        }
        return of(failure);
    }

    static ApiException of(ProviderException failure) {
        String what = failure.operation().operationName() + ": " + (failure.code() == null ? "" : failure.code() + ": ")
                + failure.providerMessage();
        if (failure instanceof ProviderException.Retryable) {
            return new ApiException(503, "ServiceUnavailable", "The cloud provider did not answer " + what
                    + ". Try again shortly.");
        }
        return new ApiException(502, "ProvisioningFailed", "The cloud provider refused " + what + ".");
    }
}
