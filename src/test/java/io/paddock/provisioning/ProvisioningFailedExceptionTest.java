package io.paddock.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A provisioning failure is terminal exactly when the provider failure it wraps is. */
class ProvisioningFailedExceptionTest {

    private static final CloudOperation OPERATION = CloudOperation.CREATE_SERVICE;

    @Test
    void aRefusalIsTerminal() {
        assertThat(wrapping(ProviderException.refused(OPERATION, "InjectedFailure", "refused")).isTerminal()).isTrue();
    }

    @Test
    void aResourceThatDoesNotExistIsTerminal() {
        assertThat(wrapping(ProviderException.notFound(OPERATION, "ServiceNotFoundException", "gone")).isTerminal())
                .isTrue();
    }

    @Test
    void aRetryableFailureIsNot() {
        assertThat(wrapping(ProviderException.retryable(OPERATION, "DependencyViolation", "in use")).isTerminal())
                .isFalse();
        assertThat(wrapping(ProviderException.retryable(OPERATION, "RequestTimeout", "no answer")).isTerminal())
                .isFalse();
    }

    @Test
    void aFailureThatDidNotComeFromTheProviderIsNot() {
        assertThat(Run.failed(new IllegalStateException("the ledger could not be read")).isTerminal()).isFalse();
        assertThat(ProvisioningFailedException.isTerminal(ProviderException.refused(OPERATION, "X", "not wrapped")))
                .isFalse();
    }

    @Test
    void theStaticCheckAnswersForTheWrappedFailure() {
        assertThat(ProvisioningFailedException.isTerminal(wrapping(ProviderException.refused(OPERATION, "X", "m"))))
                .isTrue();
        assertThat(ProvisioningFailedException.isTerminal(wrapping(ProviderException.retryable(OPERATION, "X", "m"))))
                .isFalse();
    }

    private static ProvisioningFailedException wrapping(ProviderException failure) {
        return Run.failed(failure);
    }
}
