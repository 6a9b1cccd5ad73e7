package io.paddock.testing.aws;

import static io.paddock.testing.aws.AwsDouble.list;
import static io.paddock.testing.aws.AwsDouble.tags;
import static io.paddock.testing.aws.Xml.element;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.aws.AwsDouble.Resource;

/**
 * ELBv2's query protocol: target groups and the rules of the shared listener. Answers wrap their members in
 * {@code <OperationResult>} and list items in {@code <member>}, as ELBv2 does.
 */
final class Elb {

    static final Set<String> OPERATIONS = Set.of("CreateTargetGroup", "DescribeTargetGroups", "DeleteTargetGroup",
            "CreateRule", "DescribeRules", "DeleteRule", "DescribeTags", "AddTags",
            "ModifyTargetGroupAttributes", "SetRulePriorities");
    /** DescribeRules answers this many rules a page, so that paging is exercised. */
    static final int PAGE = 5;

    private final AwsDouble aws;

    Elb(AwsDouble aws) {
        this.aws = aws;
    }

    String handle(String operation, Map<String, String> params) {
        return switch (operation) {
            case "CreateTargetGroup" -> createTargetGroup(params);
            case "DescribeTargetGroups" -> describeTargetGroups(params);
            case "DeleteTargetGroup" -> deleteTargetGroup(params);
            case "CreateRule" -> createRule(params);
            case "DescribeRules" -> describeRules(params);
            case "DeleteRule" -> deleteRule(params);
            case "DescribeTags" -> describeTags(params);
            case "AddTags" -> addTags(params);
            case "ModifyTargetGroupAttributes" -> modifyTargetGroupAttributes(params);
            case "SetRulePriorities" -> ElbRules.setPriorities(aws, params, Elb::rule);
            default -> throw AwsDouble.refused("InvalidAction", "Could not find operation " + operation);
        };
    }

    private String createTargetGroup(Map<String, String> params) {
        String name = params.get("Name");
        if (name == null || name.length() > 32 || !name.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?")) {
            throw AwsDouble.refused("ValidationError", "Target group name '" + name + "' can have a maximum of 32"
                    + " characters, contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen");
        }
        if (!aws.all("target-group", g -> g.name().equals(name)).isEmpty()) {
            throw AwsDouble.refused("DuplicateTargetGroupName", "A target group with the same name '" + name + "' exists,"
                    + " but with different settings");
        }
        String arn = AwsDouble.arn("elasticloadbalancing", "targetgroup/" + name + "/" + AwsDouble.hex(16));
        ObjectNode state = AwsDouble.state();
        params.forEach((key, value) -> {
            if (!key.startsWith("Tags.") && !key.equals("Action") && !key.equals("Version")) {
                state.put(key, value);
            }
        });
        Resource group = aws.put("target-group", arn, name, tags(params, "Tags.member"), state);
        return "<CreateTargetGroupResponse xmlns=\"" + AwsDouble.ELB_NS + "\"><CreateTargetGroupResult><TargetGroups>"
                + targetGroup(group) + "</TargetGroups></CreateTargetGroupResult>" + metadata() + "</CreateTargetGroupResponse>";
    }

    private String describeTargetGroups(Map<String, String> params) {
        List<String> names = list(params, "Names.member");
        List<String> arns = list(params, "TargetGroupArns.member");
        List<Resource> groups = aws.all("target-group", g -> (names.isEmpty() || names.contains(g.name()))
                && (arns.isEmpty() || arns.contains(g.id())));
        if (groups.isEmpty() && (!names.isEmpty() || !arns.isEmpty())) {
            throw AwsDouble.notFound("TargetGroupNotFound", "One or more target groups not found");
        }
        StringBuilder xml = new StringBuilder("<DescribeTargetGroupsResponse xmlns=\"" + AwsDouble.ELB_NS
                + "\"><DescribeTargetGroupsResult><TargetGroups>");
        groups.forEach(group -> xml.append(targetGroup(group)));
        return xml.append("</TargetGroups></DescribeTargetGroupsResult>").append(metadata())
                .append("</DescribeTargetGroupsResponse>").toString();
    }

    private static String targetGroup(Resource group) {
        ObjectNode state = group.state();
        return "<member>" + element("TargetGroupArn", group.id()) + element("TargetGroupName", group.name())
                + element("Protocol", state.path("Protocol").asText()) + element("Port", state.path("Port").asText())
                + element("VpcId", state.path("VpcId").asText()) + element("TargetType", state.path("TargetType").asText())
                + element("HealthCheckPath", state.path("HealthCheckPath").asText())
                + "<LoadBalancerArns/></member>";
    }

    private String deleteTargetGroup(Map<String, String> params) {
        String arn = params.get("TargetGroupArn");
        if (aws.find(arn).filter(r -> r.type().equals("target-group")).isEmpty()) {
            // ELBv2 answers a deletion of a target group that is not there with success.
            return "<DeleteTargetGroupResponse xmlns=\"" + AwsDouble.ELB_NS + "\"><DeleteTargetGroupResult/>" + metadata()
                    + "</DeleteTargetGroupResponse>";
        }
        if (!aws.all("listener-rule", r -> r.state().path("targetGroupArn").asText().equals(arn)).isEmpty()) {
            throw AwsDouble.refused("ResourceInUse", "Target group '" + arn + "' is currently in use by a listener or a rule");
        }
        aws.remove(arn);
        return "<DeleteTargetGroupResponse xmlns=\"" + AwsDouble.ELB_NS + "\"><DeleteTargetGroupResult/>" + metadata()
                + "</DeleteTargetGroupResponse>";
    }

    private String createRule(Map<String, String> params) {
        String listener = params.get("ListenerArn");
        int priority = Integer.parseInt(params.get("Priority"));
        if (!aws.all("listener-rule", r -> r.state().path("listenerArn").asText().equals(listener)
                && r.state().path("priority").asInt() == priority).isEmpty()) {
            throw AwsDouble.refused("PriorityInUse", "Priority '" + priority + "' is currently in use");
        }
        String host = params.get("Conditions.member.1.HostHeaderConfig.Values.member.1");
        String targetGroup = params.get("Actions.member.1.TargetGroupArn");
        if (targetGroup != null && aws.find(targetGroup).isEmpty()) {
            throw AwsDouble.notFound("TargetGroupNotFound", "Target groups '" + targetGroup + "' not found");
        }
        String arn = listener.replace(":listener/", ":listener-rule/") + "/" + AwsDouble.hex(16);
        ObjectNode state = AwsDouble.state().put("listenerArn", listener).put("priority", priority)
                .put("field", params.get("Conditions.member.1.Field")).put("host", host)
                .put("actionType", params.get("Actions.member.1.Type")).put("targetGroupArn", targetGroup);
        ElbRules.read(params, state);
        Resource rule = aws.put("listener-rule", arn, host, tags(params, "Tags.member"), state);
        return "<CreateRuleResponse xmlns=\"" + AwsDouble.ELB_NS + "\"><CreateRuleResult><Rules>" + rule(rule)
                + "</Rules></CreateRuleResult>" + metadata() + "</CreateRuleResponse>";
    }

    private String describeRules(Map<String, String> params) {
        String listener = params.get("ListenerArn");
        List<Resource> rules = aws.all("listener-rule", r -> r.state().path("listenerArn").asText().equals(listener));
        int from = params.containsKey("Marker") ? Integer.parseInt(params.get("Marker")) : 0;
        int to = Math.min(rules.size(), from + PAGE);
        StringBuilder xml = new StringBuilder("<DescribeRulesResponse xmlns=\"" + AwsDouble.ELB_NS
                + "\"><DescribeRulesResult><Rules>");
        if (from == 0) {
            xml.append("<member>").append(element("RuleArn", listener.replace(":listener/", ":listener-rule/") + "/default"))
                    .append("<Priority>default</Priority><IsDefault>true</IsDefault><Conditions/><Actions><member>")
                    .append("<Type>fixed-response</Type></member></Actions></member>");
        }
        rules.subList(from, to).forEach(rule -> xml.append(rule(rule)));
        xml.append("</Rules>");
        if (to < rules.size()) {
            xml.append(element("NextMarker", to));
        }
        return xml.append("</DescribeRulesResult>").append(metadata()).append("</DescribeRulesResponse>").toString();
    }

    private static String rule(Resource rule) {
        ObjectNode state = rule.state();
        if (state.has("conditions")) {
            return "<member>" + element("RuleArn", rule.id()) + element("Priority", state.path("priority").asInt())
                    + "<IsDefault>false</IsDefault>" + ElbRules.xml(state) + "</member>";
        }
        return "<member>" + element("RuleArn", rule.id()) + element("Priority", state.path("priority").asInt())
                + "<IsDefault>false</IsDefault><Conditions><member>" + element("Field", state.path("field").asText())
                + "<HostHeaderConfig><Values>" + element("member", state.path("host").asText()) + "</Values></HostHeaderConfig>"
                + "<Values>" + element("member", state.path("host").asText()) + "</Values></member></Conditions>"
                + "<Actions><member>" + element("Type", state.path("actionType").asText())
                + element("TargetGroupArn", state.path("targetGroupArn").asText()) + "</member></Actions></member>";
    }

    private String deleteRule(Map<String, String> params) {
        String arn = params.get("RuleArn");
        if (aws.find(arn).filter(r -> r.type().equals("listener-rule")).isEmpty()) {
            throw AwsDouble.notFound("RuleNotFound", "One or more rules not found");
        }
        aws.remove(arn);
        return "<DeleteRuleResponse xmlns=\"" + AwsDouble.ELB_NS + "\"><DeleteRuleResult/>" + metadata()
                + "</DeleteRuleResponse>";
    }

    private String modifyTargetGroupAttributes(Map<String, String> params) {
        Resource group = aws.find(params.get("TargetGroupArn")).filter(r -> r.type().equals("target-group"))
                .orElseThrow(() -> AwsDouble.notFound("TargetGroupNotFound", "One or more target groups not found"));
        StringBuilder xml = new StringBuilder("<ModifyTargetGroupAttributesResponse xmlns=\"" + AwsDouble.ELB_NS
                + "\"><ModifyTargetGroupAttributesResult><Attributes>");
        for (int i = 1; params.containsKey("Attributes.member." + i + ".Key"); i++) {
            String key = params.get("Attributes.member." + i + ".Key");
            String value = params.get("Attributes.member." + i + ".Value");
            if (key.equals("deregistration_delay.timeout_seconds") && !value.matches("\\d+")) {
                throw AwsDouble.refused("ValidationError", "deregistration_delay.timeout_seconds must be 0 to 3600");
            }
            group.state().put("attribute:" + key, value);
            xml.append("<member>").append(element("Key", key)).append(element("Value", value)).append("</member>");
        }
        return xml.append("</Attributes></ModifyTargetGroupAttributesResult>").append(metadata())
                .append("</ModifyTargetGroupAttributesResponse>").toString();
    }

    /** Tags of target groups and rules; an unknown ARN is refused as ELBv2 does, with its kind's not-found code. */
    private String describeTags(Map<String, String> params) {
        List<String> arns = list(params, "ResourceArns.member");
        if (arns.isEmpty() || arns.size() > 20) {
            throw AwsDouble.refused("ValidationError", "ResourceArns must hold 1 to 20 ARNs");
        }
        StringBuilder xml = new StringBuilder("<DescribeTagsResponse xmlns=\"" + AwsDouble.ELB_NS
                + "\"><DescribeTagsResult><TagDescriptions>");
        for (String arn : arns) {
            Resource resource = tagged(arn);
            xml.append("<member>").append(element("ResourceArn", arn)).append("<Tags>");
            resource.tags().forEach((key, value) -> xml.append("<member>").append(element("Key", key))
                    .append(element("Value", value)).append("</member>"));
            xml.append("</Tags></member>");
        }
        return xml.append("</TagDescriptions></DescribeTagsResult>").append(metadata()).append("</DescribeTagsResponse>")
                .toString();
    }

    private String addTags(Map<String, String> params) {
        Map<String, String> added = tags(params, "Tags.member");
        for (String arn : list(params, "ResourceArns.member")) {
            Resource resource = tagged(arn);
            Map<String, String> all = new java.util.LinkedHashMap<>(resource.tags());
            all.putAll(added);
            aws.put(resource.type(), resource.id(), resource.name(), all, resource.state());
        }
        return "<AddTagsResponse xmlns=\"" + AwsDouble.ELB_NS + "\"><AddTagsResult/>" + metadata() + "</AddTagsResponse>";
    }

    private Resource tagged(String arn) {
        Resource resource = aws.find(arn).filter(r -> r.type().equals("listener-rule") || r.type().equals("target-group"))
                .orElse(null);
        if (resource == null) {
            throw arn.contains(":listener-rule/")
                    ? AwsDouble.notFound("RuleNotFound", "One or more rules not found")
                    : AwsDouble.notFound("TargetGroupNotFound", "One or more target groups not found");
        }
        return resource;
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata>";
    }
}
