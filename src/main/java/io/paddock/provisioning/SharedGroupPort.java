package io.paddock.provisioning;

import io.paddock.provisioning.NetworkPort.CreateSecurityGroup;
import io.paddock.provisioning.NetworkPort.SecurityGroup;
import io.smallrye.mutiny.Uni;

/**
 * Security groups shared by several environments (cross-environment and cross-application networking): each lets
 * its members reach each other. Which environments are members is Paddock's to track ({@link SharedGroups}); the
 * provider only makes and deletes the group. Each returned {@link Uni} completes on any thread and fails with
 * {@link ProviderException}.
 */
public interface SharedGroupPort {

    /**
     * EC2 CreateSecurityGroup, or the group of that name in the VPC when it exists, with one ingress rule: all
     * traffic from the group itself (AuthorizeSecurityGroupIngress, kept when it exists).
     */
    Uni<SecurityGroup> createSharedGroup(CreateSecurityGroup request);

    /**
     * EC2 DeleteSecurityGroup: refused with a retryable DependencyViolation while a network interface (a task of a
     * member) still uses the group; not found when it is gone.
     */
    Uni<Void> deleteSharedGroup(String groupId);
}
