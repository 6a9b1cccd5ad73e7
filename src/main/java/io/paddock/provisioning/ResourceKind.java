package io.paddock.provisioning;

/** The kinds of resource the ledger records, each with the operation that deletes it. */
public enum ResourceKind {
    SECURITY_GROUP(CloudOperation.DELETE_SECURITY_GROUP),
    SECURITY_GROUP_INGRESS(CloudOperation.REVOKE_SECURITY_GROUP_INGRESS),
    TARGET_GROUP(CloudOperation.DELETE_TARGET_GROUP),
    LISTENER_RULE(CloudOperation.DELETE_RULE),
    FILE_SYSTEM(CloudOperation.DELETE_FILE_SYSTEM),
    ACCESS_POINT(CloudOperation.DELETE_ACCESS_POINT),
    MOUNT_TARGET(CloudOperation.DELETE_MOUNT_TARGET),
    TASK_DEFINITION(CloudOperation.DEREGISTER_TASK_DEFINITION),
    SERVICE(CloudOperation.DELETE_SERVICE),
    SCALABLE_TARGET(CloudOperation.DEREGISTER_SCALABLE_TARGET),
    LOG_GROUP(CloudOperation.DELETE_LOG_GROUP),
    SECRET(CloudOperation.DELETE_SECRET),
    SCHEDULE(CloudOperation.DELETE_SCHEDULE),
    SCALING_POLICY(CloudOperation.DELETE_SCALING_POLICY),
    /**
     * The environment's membership of a shared security group (provider id {@code <scope>#<environment id>}, parent
     * the group's id, name the scope). Deleting it leaves the group, and deletes the group with its last member.
     */
    SHARED_GROUP_MEMBERSHIP(CloudOperation.DELETE_SECURITY_GROUP);

    private final CloudOperation deletion;

    ResourceKind(CloudOperation deletion) {
        this.deletion = deletion;
    }

    public CloudOperation deletion() {
        return deletion;
    }
}
