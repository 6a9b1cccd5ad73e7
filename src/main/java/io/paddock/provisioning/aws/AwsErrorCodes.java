package io.paddock.provisioning.aws;

import java.util.Set;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What AWS's answer says of a failed call, for every service Paddock calls, in each service's spelling: a repeat may
 * cure it (throttling, a server error, a resource still in use or still changing), the resource does not exist, or
 * the request itself was refused (anything else, such as AccessDenied, ValidationException or InvalidParameter*).
 */
final class AwsErrorCodes {

    /** Codes that mean the resource does not exist. */
    static final Set<String> NOT_FOUND = Set.of(
            "InvalidGroup.NotFound", "InvalidSecurityGroupRuleId.NotFound", "InvalidPermission.NotFound",
            "TargetGroupNotFound", "RuleNotFound",
            "FileSystemNotFound", "AccessPointNotFound", "MountTargetNotFound",
            "ServiceNotFoundException", "ObjectNotFoundException", "ResourceNotFoundException");

    /** Throttling (the SDK knows most spellings; these are checked as well). */
    static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException", "RequestThrottled", "RequestThrottledException", "SlowDown");

    /**
     * A resource still in use or still changing: the same call succeeds once it has settled. A security group still
     * holds a task's network interface or a mount target for a while after they are deleted (DependencyViolation), a
     * target group its listener rule (ResourceInUse), a file system its mount targets (FileSystemInUse) or its
     * creating state (IncorrectFileSystemLifeCycleState); Application Auto Scaling and CloudWatch Logs refuse a
     * change while another one to the same resource is in flight.
     */
    static final Set<String> STILL_SETTLING = Set.of("DependencyViolation", "ResourceInUse", "FileSystemInUse",
            "IncorrectFileSystemLifeCycleState", "ConcurrentUpdateException", "OperationAbortedException");

    private AwsErrorCodes() {
    }

    static ProviderException classify(CloudOperation operation, AwsServiceException aws) {
        String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
        String message = aws.awsErrorDetails() == null || aws.awsErrorDetails().errorMessage() == null
                ? aws.getMessage() : aws.awsErrorDetails().errorMessage();
        if (code == null) {
            // An answer without AWS's error body (a proxy's, say): its status is all there is to go by.
            String status = "HTTP " + aws.statusCode();
            return aws.isThrottlingException() || aws.statusCode() >= 500
                    ? ProviderException.retryable(operation, status, message, aws)
                    : ProviderException.refused(operation, status, message, aws);
        }
        if (aws.isThrottlingException() || THROTTLING.contains(code) || aws.statusCode() >= 500
                || STILL_SETTLING.contains(code)) {
            return ProviderException.retryable(operation, code, message, aws);
        }
        if (NOT_FOUND.contains(code)) {
            return ProviderException.notFound(operation, code, message, aws);
        }
        return ProviderException.refused(operation, code, message, aws);
    }
}
