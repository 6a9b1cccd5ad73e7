package io.paddock.provisioning.aws;

import static io.paddock.provisioning.aws.AwsCalls.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Shared security groups on EC2: the group, found by name in the VPC when an earlier attempt made it, and its one
 * rule, all traffic (IP protocol {@code -1}) from the group itself, found among the group's rules when it exists.
 */
@Singleton
@Typed(AwsSharedGroups.class)
public class AwsSharedGroups implements SharedGroupPort {

    private static final String ALL_TRAFFIC = "-1";

    @Inject
    Ec2AsyncClient ec2;
    @Inject
    AwsCalls calls;

    @Override
    public Uni<SecurityGroup> createSharedGroup(CreateSecurityGroup request) {
        CloudOperation operation = CloudOperation.CREATE_SECURITY_GROUP;
        return find(operation, request)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : calls.call(operation, () -> ec2.createSecurityGroup(create -> create
                                        .groupName(request.groupName())
                                        .description(request.description())
                                        .vpcId(request.vpcId())
                                        .tagSpecifications(tags(ResourceType.SECURITY_GROUP, request))))
                                .map(made -> new SecurityGroup(made.groupId(), request.groupName()))
                                .onFailure(code("InvalidGroup.Duplicate"))
                                .recoverWithUni(() -> find(operation, request).map(Optional::orElseThrow)))
                .call(group -> allowMembers(group.groupId(), request));
    }

    private Uni<Optional<SecurityGroup>> find(CloudOperation operation, CreateSecurityGroup request) {
        return calls.call(operation, () -> ec2.describeSecurityGroups(describe -> describe.filters(
                        Filter.builder().name("group-name").values(request.groupName()).build(),
                        Filter.builder().name("vpc-id").values(request.vpcId()).build())))
                .map(answer -> answer.securityGroups().stream()
                        .findFirst()
                        .map(group -> new SecurityGroup(group.groupId(), group.groupName())));
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
                                        .tagSpecifications(tags(ResourceType.SECURITY_GROUP_RULE, request))))
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

    private static TagSpecification tags(ResourceType type, CreateSecurityGroup request) {
        List<Tag> all = new ArrayList<>(AwsTags.of(request.tags(), (key, value) ->
                Tag.builder().key(key).value(value).build()));
        if (type == ResourceType.SECURITY_GROUP) {
            all.add(Tag.builder().key("Name").value(request.groupName()).build());
        }
        return TagSpecification.builder().resourceType(type).tags(all).build();
    }
}
