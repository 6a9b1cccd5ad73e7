package io.paddock.testing.aws;

import static io.paddock.testing.aws.AwsDouble.list;
import static io.paddock.testing.aws.AwsDouble.tags;
import static io.paddock.testing.aws.Xml.element;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.aws.AwsDouble.Resource;

/** EC2's query protocol: security groups and their rules. Answers are EC2's XML, without a result wrapper. */
final class Ec2 {

    static final Set<String> OPERATIONS = Set.of("CreateSecurityGroup", "DescribeSecurityGroups",
            "AuthorizeSecurityGroupIngress", "DescribeSecurityGroupRules", "RevokeSecurityGroupIngress",
            "DeleteSecurityGroup");

    private final AwsDouble aws;

    Ec2(AwsDouble aws) {
        this.aws = aws;
    }

    String handle(String operation, Map<String, String> params) {
        return switch (operation) {
            case "CreateSecurityGroup" -> createSecurityGroup(params);
            case "DescribeSecurityGroups" -> describeSecurityGroups(params);
            case "AuthorizeSecurityGroupIngress" -> authorize(params);
            case "DescribeSecurityGroupRules" -> describeRules(params);
            case "RevokeSecurityGroupIngress" -> revoke(params);
            case "DeleteSecurityGroup" -> deleteSecurityGroup(params);
            default -> throw AwsDouble.refused("InvalidAction", "The action " + operation + " is not valid for this web service.");
        };
    }

    private String createSecurityGroup(Map<String, String> params) {
        String name = params.get("GroupName");
        String vpc = params.get("VpcId");
        if (name == null || params.get("GroupDescription") == null) {
            throw AwsDouble.refused("MissingParameter", "The request must contain the parameter GroupName and GroupDescription");
        }
        if (!aws.all("security-group", g -> g.name().equals(name) && vpc.equals(g.state().path("vpcId").asText())).isEmpty()) {
            throw AwsDouble.refused("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpc + "'");
        }
        String id = "sg-" + AwsDouble.hex(17);
        ObjectNode state = AwsDouble.state().put("vpcId", vpc).put("description", params.get("GroupDescription"));
        aws.put("security-group", id, name, tags(params, "TagSpecification.1.Tag"), state);
        return "<CreateSecurityGroupResponse xmlns=\"" + AwsDouble.EC2_NS + "\"><requestId>{requestId}</requestId>"
                + "<return>true</return>" + element("groupId", id) + "</CreateSecurityGroupResponse>";
    }

    private String describeSecurityGroups(Map<String, String> params) {
        Map<String, List<String>> filters = filters(params);
        List<String> ids = list(params, "GroupId");
        StringBuilder xml = new StringBuilder("<DescribeSecurityGroupsResponse xmlns=\"" + AwsDouble.EC2_NS
                + "\"><requestId>{requestId}</requestId><securityGroupInfo>");
        for (Resource group : aws.all("security-group", g -> (ids.isEmpty() || ids.contains(g.id()))
                && matches(filters.get("group-name"), g.name())
                && matches(filters.get("vpc-id"), g.state().path("vpcId").asText())
                && matches(filters.get("group-id"), g.id()) && tagsMatch(filters, g.tags()))) {
            xml.append("<item>").append(element("ownerId", AwsDouble.ACCOUNT)).append(element("groupId", group.id()))
                    .append(element("groupName", group.name()))
                    .append(element("groupDescription", group.state().path("description").asText()))
                    .append(element("vpcId", group.state().path("vpcId").asText()))
                    .append(Xml.ec2Tags(group.tags())).append("</item>");
        }
        return xml.append("</securityGroupInfo></DescribeSecurityGroupsResponse>").toString();
    }

    private String authorize(Map<String, String> params) {
        String groupId = params.get("GroupId");
        requireGroup(groupId);
        String protocol = params.get("IpPermissions.1.IpProtocol");
        // All traffic (protocol -1) has no ports; EC2 shows it with -1 for both.
        int from = Integer.parseInt(params.getOrDefault("IpPermissions.1.FromPort", "-1"));
        int to = Integer.parseInt(params.getOrDefault("IpPermissions.1.ToPort", "-1"));
        String source = params.get("IpPermissions.1.Groups.1.GroupId");
        if (source == null) {
            throw AwsDouble.refused("MissingParameter", "the double expects one source security group; got " + params);
        }
        if (!aws.all("security-group-rule", r -> r.state().path("groupId").asText().equals(groupId)
                && r.state().path("fromPort").asInt() == from && r.state().path("referencedGroupId").asText().equals(source))
                .isEmpty()) {
            throw AwsDouble.refused("InvalidPermission.Duplicate", "the specified rule \"peer: " + source + ", TCP, from port: "
                    + from + ", to port: " + to + ", ALLOW\" already exists");
        }
        String id = "sgr-" + AwsDouble.hex(17);
        ObjectNode state = AwsDouble.state().put("groupId", groupId).put("ipProtocol", protocol).put("fromPort", from)
                .put("toPort", to).put("referencedGroupId", source)
                .put("description", params.get("IpPermissions.1.Groups.1.Description"));
        Resource rule = aws.put("security-group-rule", id, protocol + "/" + from, tags(params, "TagSpecification.1.Tag"),
                state);
        return "<AuthorizeSecurityGroupIngressResponse xmlns=\"" + AwsDouble.EC2_NS + "\"><requestId>{requestId}</requestId>"
                + "<return>true</return><securityGroupRuleSet>" + rule(rule) + "</securityGroupRuleSet>"
                + "</AuthorizeSecurityGroupIngressResponse>";
    }

    private String describeRules(Map<String, String> params) {
        Map<String, List<String>> filters = filters(params);
        StringBuilder xml = new StringBuilder("<DescribeSecurityGroupRulesResponse xmlns=\"" + AwsDouble.EC2_NS
                + "\"><requestId>{requestId}</requestId><securityGroupRuleSet>");
        for (Resource rule : aws.all("security-group-rule",
                r -> matches(filters.get("group-id"), r.state().path("groupId").asText()))) {
            xml.append(rule(rule));
        }
        return xml.append("</securityGroupRuleSet></DescribeSecurityGroupRulesResponse>").toString();
    }

    private static String rule(Resource rule) {
        ObjectNode state = rule.state();
        return "<item>" + element("securityGroupRuleId", rule.id()) + element("groupId", state.path("groupId").asText())
                + element("groupOwnerId", AwsDouble.ACCOUNT) + element("isEgress", false)
                + element("ipProtocol", state.path("ipProtocol").asText())
                + element("fromPort", state.path("fromPort").asInt()) + element("toPort", state.path("toPort").asInt())
                + "<referencedGroupInfo>" + element("groupId", state.path("referencedGroupId").asText())
                + element("userId", AwsDouble.ACCOUNT) + "</referencedGroupInfo>"
                + element("description", state.path("description").asText()) + Xml.ec2Tags(rule.tags()) + "</item>";
    }

    private String revoke(Map<String, String> params) {
        String groupId = params.get("GroupId");
        requireGroup(groupId);
        for (String ruleId : list(params, "SecurityGroupRuleId")) {
            Resource rule = aws.find(ruleId).filter(r -> r.type().equals("security-group-rule")).orElse(null);
            if (rule == null || !rule.state().path("groupId").asText().equals(groupId)) {
                throw AwsDouble.notFound("InvalidSecurityGroupRuleId.NotFound",
                        "The security group rule ID '" + ruleId + "' does not exist");
            }
            aws.remove(ruleId);
        }
        return "<RevokeSecurityGroupIngressResponse xmlns=\"" + AwsDouble.EC2_NS + "\"><requestId>{requestId}</requestId>"
                + "<return>true</return></RevokeSecurityGroupIngressResponse>";
    }

    /**
     * Refused while a network interface uses the group, as EC2 does: a mount target's until it is gone (deleting
     * included), a service's tasks' until the service is INACTIVE (draining included).
     */
    private String deleteSecurityGroup(Map<String, String> params) {
        String groupId = params.get("GroupId");
        requireGroup(groupId);
        boolean inUse = !aws.all("mount-target", m -> m.state().path("securityGroups").toString().contains(groupId)).isEmpty()
                || !aws.all("service", s -> s.state().path("securityGroups").toString().contains(groupId)
                        && !s.state().path("status").asText().equals("INACTIVE")).isEmpty();
        if (inUse) {
            throw AwsDouble.refused("DependencyViolation", "resource " + groupId + " has a dependent object");
        }
        for (Resource rule : aws.all("security-group-rule", r -> r.state().path("groupId").asText().equals(groupId))) {
            aws.remove(rule.id());
        }
        aws.remove(groupId);
        return "<DeleteSecurityGroupResponse xmlns=\"" + AwsDouble.EC2_NS + "\"><requestId>{requestId}</requestId>"
                + "<return>true</return></DeleteSecurityGroupResponse>";
    }

    private void requireGroup(String groupId) {
        if (aws.find(groupId).filter(r -> r.type().equals("security-group")).isEmpty()) {
            throw AwsDouble.notFound("InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist");
        }
    }

    private static Map<String, List<String>> filters(Map<String, String> params) {
        Map<String, List<String>> filters = new java.util.HashMap<>();
        for (int i = 1; params.containsKey("Filter." + i + ".Name"); i++) {
            filters.put(params.get("Filter." + i + ".Name"), list(params, "Filter." + i + ".Value"));
        }
        return filters;
    }

    /** EC2's tag filters: {@code tag:<key>} with the values wanted, {@code tag-key} with the keys. */
    private static boolean tagsMatch(Map<String, List<String>> filters, Map<String, String> tags) {
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            if (filter.getKey().startsWith("tag:")
                    && !filter.getValue().contains(tags.get(filter.getKey().substring("tag:".length())))) {
                return false;
            }
            if (filter.getKey().equals("tag-key") && filter.getValue().stream().noneMatch(tags::containsKey)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(List<String> wanted, String value) {
        return wanted == null || wanted.contains(value);
    }
}
