package io.paddock.provisioning.aws;

import static io.paddock.provisioning.aws.AwsCalls.code;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.NetworkPort.CreateSecurityGroup;
import io.paddock.provisioning.NetworkPort.SecurityGroup;
import io.paddock.provisioning.SharedGroupPort;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Shared security groups on EC2: the group, found by name in the VPC when an earlier attempt made it, and its one
 * rule, all traffic (IP protocol {@code -1}) from the group itself, found among the group's rules when it exists.
 */
@Singleton
@Typed(AwsSharedGroups.class)
public class AwsSharedGroups implements SharedGroupPort {

    private static final String ALL_TRAFFIC = "-1";

    @Inject Ec2AsyncClient ec2;
    @Inject AwsNetwork network;
    @Inject AwsCalls calls;

    /** Made, or found when it exists, the way every security group is; then open to its own members. */
    @Override
    public Uni<SecurityGroup> createSharedGroup(CreateSecurityGroup request) {
        return network.createSecurityGroup(request).call(group -> allowMembers(group.groupId(), request));
    }

    /** All traffic from the group itself: its members reach each other on every port. */
    private Uni<Void> allowMembers(String groupId, CreateSecurityGroup request) {
        CloudOperation operation = CloudOperation.AUTHORIZE_SECURITY_GROUP_INGRESS;
        return calls.call(operation, () -> ec2.describeSecurityGroupRules(describe -> describe.filters(
                        Filter.builder().name("group-id").values(groupId).build())))
                .chain(answer -> answer.securityGroupRules().stream().anyMatch(rule -> fromItself(rule, groupId))
                        ? Uni.createFrom().voidItem()
                        : calls.call(operation, () -> ec2.authorizeSecurityGroupIngress(authorize -> authorize
                                        .groupId(groupId)
                                        .ipPermissions(IpPermission.builder()
                                                .ipProtocol(ALL_TRAFFIC)
                                                .userIdGroupPairs(UserIdGroupPair.builder()
                                                        .groupId(groupId)
                                                        .description("members of " + request.groupName())
                                                        .build())
                                                .build())
                                        .tagSpecifications(AwsNetwork.tags(ResourceType.SECURITY_GROUP_RULE, request.tags(), null))))
                                .replaceWithVoid()
                                .onFailure(code("InvalidPermission.Duplicate")).recoverWithNull());
    }

    private static boolean fromItself(SecurityGroupRule rule, String groupId) {
        return !Boolean.TRUE.equals(rule.isEgress())
                && ALL_TRAFFIC.equals(rule.ipProtocol())
                && rule.referencedGroupInfo() != null
                && groupId.equals(rule.referencedGroupInfo().groupId());
    }

    @Override
    public Uni<Void> deleteSharedGroup(String groupId) {
        return calls.call(CloudOperation.DELETE_SECURITY_GROUP,
                        () -> ec2.deleteSecurityGroup(delete -> delete.groupId(groupId)))
                .replaceWithVoid();
    }
}
