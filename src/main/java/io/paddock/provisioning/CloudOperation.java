package io.paddock.provisioning;

import java.util.Optional;

/**
 * The provider operations Paddock calls, by AWS's names. The name is what a {@link ProvisioningFailedException}
 * reports as its step, what the step timer is tagged with, and what {@code paddock.cloud.local.fail-on} lists.
 */
public enum CloudOperation {
    CREATE_SECURITY_GROUP("CreateSecurityGroup"),
    AUTHORIZE_SECURITY_GROUP_INGRESS("AuthorizeSecurityGroupIngress"),
    REVOKE_SECURITY_GROUP_INGRESS("RevokeSecurityGroupIngress"),
    DELETE_SECURITY_GROUP("DeleteSecurityGroup"),
    CREATE_TARGET_GROUP("CreateTargetGroup"),
    DELETE_TARGET_GROUP("DeleteTargetGroup"),
    CREATE_RULE("CreateRule"),
    DELETE_RULE("DeleteRule"),
    CREATE_FILE_SYSTEM("CreateFileSystem"),
    DELETE_FILE_SYSTEM("DeleteFileSystem"),
    CREATE_ACCESS_POINT("CreateAccessPoint"),
    DELETE_ACCESS_POINT("DeleteAccessPoint"),
    CREATE_MOUNT_TARGET("CreateMountTarget"),
    DELETE_MOUNT_TARGET("DeleteMountTarget"),
    REGISTER_TASK_DEFINITION("RegisterTaskDefinition"),
    DESCRIBE_TASK_DEFINITION("DescribeTaskDefinition"),
    DEREGISTER_TASK_DEFINITION("DeregisterTaskDefinition"),
    CREATE_SERVICE("CreateService"),
    UPDATE_SERVICE("UpdateService"),
    DESCRIBE_SERVICES("DescribeServices"),
    DELETE_SERVICE("DeleteService"),
    REGISTER_SCALABLE_TARGET("RegisterScalableTarget"),
    DEREGISTER_SCALABLE_TARGET("DeregisterScalableTarget"),
    CREATE_LOG_GROUP("CreateLogGroup"),
    DELETE_LOG_GROUP("DeleteLogGroup"),
    CREATE_SECRET("CreateSecret"),
    DELETE_SECRET("DeleteSecret"),
    CREATE_SCHEDULE("CreateSchedule"),
    UPDATE_SCHEDULE("UpdateSchedule"),
    GET_SCHEDULE("GetSchedule"),
    DELETE_SCHEDULE("DeleteSchedule"),
    LIST_TASKS("ListTasks"),
    DESCRIBE_TASKS("DescribeTasks"),
    PUT_SCALING_POLICY("PutScalingPolicy"),
    DELETE_SCALING_POLICY("DeleteScalingPolicy"),
    FILTER_LOG_EVENTS("FilterLogEvents"),
    RUN_TASK("RunTask"),
    GET_METRIC_DATA("GetMetricData"),
    GET_AUTHORIZATION_TOKEN("GetAuthorizationToken"),
    ASSUME_ROLE("AssumeRole"),
    GET_RESOURCES("GetResources"),
    MODIFY_TARGET_GROUP_ATTRIBUTES("ModifyTargetGroupAttributes");

    private final String operationName;

    CloudOperation(String operationName) {
        this.operationName = operationName;
    }

    /** AWS's name of the operation, e.g. {@code CreateService}. */
    public String operationName() {
        return operationName;
    }

    public static Optional<CloudOperation> byName(String operationName) {
        for (CloudOperation op : values()) {
            if (op.operationName.equals(operationName)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return operationName;
    }
}
