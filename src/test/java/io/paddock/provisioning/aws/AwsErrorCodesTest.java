package io.paddock.provisioning.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.ProvisioningFailedException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which AWS answers a repeat may cure, which mean "not found", and which refuse the request for good. */
class AwsErrorCodesTest {

    private static final CloudOperation OPERATION = CloudOperation.DELETE_SECURITY_GROUP;

    @ParameterizedTest
    @CsvSource({
            "400, Throttling", "400, ThrottlingException", "400, RequestLimitExceeded", "400, TooManyRequestsException",
            "400, RequestThrottled", "400, RequestThrottledException", "503, SlowDown", "429, ''",
            "500, InternalFailure", "500, InternalError", "503, ServiceUnavailable", "502, ''",
            "400, DependencyViolation", "400, ResourceInUse", "409, FileSystemInUse",
            "409, IncorrectFileSystemLifeCycleState", "400, ConcurrentUpdateException", "400, OperationAbortedException" })
    void aFailureARepeatMayCureIsRetryable(int status, String code) {
        ProviderException failure = AwsCalls.translate(OPERATION, aws(status, code));

        assertThat(failure).isInstanceOf(ProviderException.Retryable.class);
        assertThat(failure.code()).isEqualTo(code.isEmpty() ? "HTTP " + status : code);
        assertThat(new ProvisioningFailedException("DeleteSecurityGroup", code, "m", failure).isTerminal()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "400, InvalidGroup.NotFound", "400, InvalidSecurityGroupRuleId.NotFound", "400, InvalidPermission.NotFound",
            "400, TargetGroupNotFound", "400, RuleNotFound", "404, FileSystemNotFound", "404, AccessPointNotFound",
            "404, MountTargetNotFound", "400, ServiceNotFoundException", "400, ObjectNotFoundException",
            "400, ResourceNotFoundException" })
    void aResourceThatDoesNotExistIsNotFoundWhichIsTerminal(int status, String code) {
        ProviderException failure = AwsCalls.translate(OPERATION, aws(status, code));

        assertThat(failure).isInstanceOf(ProviderException.NotFound.class);
        assertThat(failure.isNotFound()).isTrue();
        assertThat(new ProvisioningFailedException("DeleteSecurityGroup", code, "m", failure).isTerminal()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "403, AccessDenied", "400, AccessDeniedException", "403, UnauthorizedOperation", "400, ValidationException",
            "400, ValidationError", "400, InvalidParameterException", "400, InvalidParameterValue",
            "400, InvalidParameterCombination", "400, ClientException", "400, LimitExceededException",
            "400, PriorityInUse", "400, InvalidGroup.Duplicate", "400, DuplicateTargetGroupName",
            "404, UnknownOperationException", "400, ''" })
    void aRefusedRequestIsTerminalAndNotNotFound(int status, String code) {
        ProviderException failure = AwsCalls.translate(OPERATION, aws(status, code));

        assertThat(failure).isInstanceOf(ProviderException.Terminal.class)
                .isNotInstanceOf(ProviderException.NotFound.class);
        assertThat(failure.code()).isEqualTo(code.isEmpty() ? "HTTP " + status : code);
        assertThat(failure.providerMessage()).isEqualTo("what AWS said");
        assertThat(new ProvisioningFailedException("DeleteSecurityGroup", code, "m", failure).isTerminal()).isTrue();
    }

    @Test
    void noAnswerIsRetryable() {
        ProviderException failure = AwsCalls.translate(OPERATION,
                new CompletionException(SdkClientException.create("Connection reset", new IOException("reset"))));

        assertThat(failure).isInstanceOf(ProviderException.Retryable.class);
        assertThat(failure.code()).isEqualTo("SdkClientException");
    }

    @Test
    void whatIsNotAnAwsAnswerIsTerminal() {
        ProviderException failure = AwsCalls.translate(OPERATION, new IllegalArgumentException("no app-secrets store"));

        assertThat(failure).isInstanceOf(ProviderException.Terminal.class)
                .isNotInstanceOf(ProviderException.NotFound.class);
        assertThat(failure.code()).isEqualTo("IllegalArgumentException");
    }

    @Test
    void aClassifiedFailureKeepsItsType() {
        ProviderException notFound = AwsCalls.asNotFound(AwsCalls.translate(OPERATION, aws(400, "ClientException")));

        assertThat(AwsCalls.translate(OPERATION, new CompletionException(notFound))).isSameAs(notFound);
        assertThat(notFound).isInstanceOf(ProviderException.NotFound.class);
        assertThat(notFound.code()).isEqualTo("ClientException");
    }

    private static AwsServiceException aws(int status, String code) {
        AwsErrorDetails.Builder details = AwsErrorDetails.builder().errorMessage("what AWS said");
        if (!code.isEmpty()) {
            details.errorCode(code);
        }
        return AwsServiceException.builder().statusCode(status).awsErrorDetails(details.build()).build();
    }
}
