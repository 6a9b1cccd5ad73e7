package io.paddock.testing.aws;

import static io.paddock.testing.aws.AwsDouble.list;
import static io.paddock.testing.aws.Xml.element;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.aws.AwsDouble.Resource;

/**
 * A listener rule's conditions and actions as ELBv2 takes them (query protocol) and shows them (XML): host-header,
 * source-ip and http-header conditions, at most five condition values in a rule and each field once (http-header
 * aside); forward, fixed-response and redirect actions. Also SetRulePriorities.
 */
final class ElbRules {

    static final int CONDITION_VALUES = 5;

    private ElbRules() {
    }

    /** Reads the request's conditions and action into the rule's state; refuses what ELBv2 refuses. */
    static void read(Map<String, String> params, ObjectNode state) {
        ArrayNode conditions = AwsDouble.array();
        Set<String> fields = new HashSet<>();
        int values = 0;
        for (int i = 1; params.containsKey("Conditions.member." + i + ".Field"); i++) {
            String prefix = "Conditions.member." + i + ".";
            String field = params.get(prefix + "Field");
            ObjectNode condition = AwsDouble.object().put("field", field);
            List<String> given = switch (field) {
                case "host-header" -> list(params, prefix + "HostHeaderConfig.Values.member");
                case "source-ip" -> list(params, prefix + "SourceIpConfig.Values.member");
                case "http-header" -> {
                    condition.put("name", params.get(prefix + "HttpHeaderConfig.HttpHeaderName"));
                    yield list(params, prefix + "HttpHeaderConfig.Values.member");
                }
                default -> throw AwsDouble.refused("ValidationError", "The double does not know condition " + field);
            };
            if (!field.equals("http-header") && !fields.add(field)) {
                throw AwsDouble.refused("ValidationError", "A rule can only have one '" + field + "' condition");
            }
            if (field.equals("source-ip") && given.stream().anyMatch(range -> !range.contains("/"))) {
                throw AwsDouble.refused("ValidationError", "Source IP values must be CIDR ranges: " + given);
            }
            ArrayNode array = condition.putArray("values");
            given.forEach(array::add);
            values += given.size();
            conditions.add(condition);
        }
        if (values > CONDITION_VALUES) {
            throw AwsDouble.refused("ValidationError", "A rule can only have '" + CONDITION_VALUES + "' condition values");
        }
        state.set("conditions", conditions);
        String type = params.get("Actions.member.1.Type");
        ObjectNode action = AwsDouble.object().put("type", type);
        switch (type) {
            case "forward" -> {
                if (params.get("Actions.member.1.TargetGroupArn") == null) {
                    throw AwsDouble.refused("ValidationError", "A forward action needs a target group");
                }
                action.put("targetGroupArn", params.get("Actions.member.1.TargetGroupArn"));
            }
            case "fixed-response" -> {
                String status = params.getOrDefault("Actions.member.1.FixedResponseConfig.StatusCode", "");
                if (!status.matches("[245]\\d\\d")) {
                    throw AwsDouble.refused("ValidationError", "Fixed response status code must be 2XX, 4XX or 5XX");
                }
                action.put("statusCode", status)
                        .put("contentType", params.get("Actions.member.1.FixedResponseConfig.ContentType"))
                        .put("messageBody", params.get("Actions.member.1.FixedResponseConfig.MessageBody"));
            }
            case "redirect" -> {
                String prefix = "Actions.member.1.RedirectConfig.";
                String status = params.getOrDefault(prefix + "StatusCode", "");
                if (!status.equals("HTTP_301") && !status.equals("HTTP_302")) {
                    throw AwsDouble.refused("ValidationError", "Redirect status code must be HTTP_301 or HTTP_302");
                }
                for (String part : List.of("Protocol", "Host", "Port", "Path", "Query", "StatusCode")) {
                    action.put(part, params.get(prefix + part));
                }
            }
            default -> throw AwsDouble.refused("ValidationError", "The double does not know action " + type);
        }
        state.set("action", action);
    }

    /** The rule's conditions and actions as DescribeRules and CreateRule show them. */
    static String xml(ObjectNode state) {
        StringBuilder xml = new StringBuilder("<Conditions>");
        for (JsonNode condition : state.path("conditions")) {
            String field = condition.path("field").asText();
            StringBuilder values = new StringBuilder("<Values>");
            condition.path("values").forEach(value -> values.append(element("member", value.asText())));
            values.append("</Values>");
            xml.append("<member>").append(element("Field", field));
            switch (field) {
                case "host-header" -> xml.append("<HostHeaderConfig>").append(values).append("</HostHeaderConfig>")
                        .append(values);
                case "source-ip" -> xml.append("<SourceIpConfig>").append(values).append("</SourceIpConfig>");
                default -> xml.append("<HttpHeaderConfig>").append(element("HttpHeaderName", condition.path("name").asText()))
                        .append(values).append("</HttpHeaderConfig>");
            }
            xml.append("</member>");
        }
        xml.append("</Conditions><Actions><member>");
        JsonNode action = state.path("action");
        xml.append(element("Type", action.path("type").asText()));
        switch (action.path("type").asText()) {
            case "forward" -> xml.append(element("TargetGroupArn", action.path("targetGroupArn").asText()));
            case "fixed-response" -> xml.append("<FixedResponseConfig>")
                    .append(element("StatusCode", action.path("statusCode").asText()))
                    .append(element("ContentType", action.path("contentType").asText()))
                    .append(element("MessageBody", action.path("messageBody").asText())).append("</FixedResponseConfig>");
            default -> {
                xml.append("<RedirectConfig>");
                for (String part : List.of("Protocol", "Host", "Port", "Path", "Query", "StatusCode")) {
                    xml.append(element(part, action.path(part).asText()));
                }
                xml.append("</RedirectConfig>");
            }
        }
        return xml.append("</member></Actions>").toString();
    }

    /** SetRulePriorities: each rule to its new priority, refused when another rule of the listener holds it. */
    static String setPriorities(AwsDouble aws, Map<String, String> params, java.util.function.Function<Resource, String> rule) {
        StringBuilder rules = new StringBuilder();
        for (int i = 1; params.containsKey("RulePriorities.member." + i + ".RuleArn"); i++) {
            String arn = params.get("RulePriorities.member." + i + ".RuleArn");
            int priority = Integer.parseInt(params.get("RulePriorities.member." + i + ".Priority"));
            Resource found = aws.find(arn).filter(r -> r.type().equals("listener-rule"))
                    .orElseThrow(() -> AwsDouble.notFound("RuleNotFound", "One or more rules not found"));
            String listener = found.state().path("listenerArn").asText();
            if (!aws.all("listener-rule", r -> !r.id().equals(arn) && r.state().path("listenerArn").asText().equals(listener)
                    && r.state().path("priority").asInt() == priority).isEmpty()) {
                throw AwsDouble.refused("PriorityInUse", "Priority '" + priority + "' is currently in use");
            }
            found.state().put("priority", priority);
            rules.append(rule.apply(found));
        }
        return "<SetRulePrioritiesResponse xmlns=\"" + AwsDouble.ELB_NS + "\"><SetRulePrioritiesResult><Rules>" + rules
                + "</Rules></SetRulePrioritiesResult><ResponseMetadata><RequestId>{requestId}</RequestId>"
                + "</ResponseMetadata></SetRulePrioritiesResponse>";
    }
}
