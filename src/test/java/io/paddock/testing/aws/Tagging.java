package io.paddock.testing.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.aws.AwsDouble.Resource;

/**
 * The Resource Groups Tagging API's GetResources (JSON 1.1, {@code ResourceGroupsTaggingAPI_20170126}): every tagged
 * resource of the double by its ARN, filtered by tag (a key, with or without values) and by resource type, a few a page
 * so that paging is exercised. As in AWS, deregistered task definition revisions are still listed, and what takes no
 * tags (mount targets, scaling policies, schedules) is not; inactive services are left out.
 */
final class Tagging {

    /** GetResources answers this many resources a page. */
    static final int PAGE = 4;

    private final AwsDouble aws;

    Tagging(AwsDouble aws) {
        this.aws = aws;
    }

    JsonNode getResources(JsonNode request) {
        List<String> types = List.copyOf(AwsDouble.texts(request.path("ResourceTypeFilters")));
        List<ObjectNode> matching = new ArrayList<>();
        for (Resource resource : aws.inventory()) {
            Optional<String[]> described = arn(resource);
            if (described.isEmpty() || resource.tags().isEmpty()
                    || (resource.type().equals("service") && resource.state().path("status").asText().equals("INACTIVE")) || !tagsMatch(resource.tags(), request.path("TagFilters"))
                    || !(types.isEmpty() || types.contains(described.get()[1])
                            || types.contains(described.get()[1].split(":")[0]))) {
                continue;
            }
            ObjectNode mapping = AwsDouble.object().put("ResourceARN", described.get()[0]);
            ArrayNode tags = AwsDouble.array();
            resource.tags().forEach((key, value) -> tags.add(AwsDouble.object().put("Key", key).put("Value", value)));
            mapping.set("Tags", tags);
            matching.add(mapping);
        }
        matching.sort((a, b) -> a.path("ResourceARN").asText().compareTo(b.path("ResourceARN").asText()));
        int from = request.path("PaginationToken").asText("").isEmpty() ? 0
                : Integer.parseInt(request.path("PaginationToken").asText());
        int to = Math.min(matching.size(), from + PAGE);
        ArrayNode list = AwsDouble.array();
        matching.subList(from, to).forEach(list::add);
        ObjectNode answer = AwsDouble.object().put("PaginationToken", to < matching.size() ? String.valueOf(to) : "");
        answer.set("ResourceTagMappingList", list);
        return answer;
    }

    private static boolean tagsMatch(Map<String, String> tags, JsonNode filters) {
        for (JsonNode filter : filters) {
            String value = tags.get(filter.path("Key").asText());
            Collection<String> values = AwsDouble.texts(filter.path("Values"));
            if (value == null || (!values.isEmpty() && !values.contains(value))) {
                return false;
            }
        }
        return true;
    }

    /** The resource's ARN and its type as GetResources' filters name it; empty for what the API does not list. */
    private static Optional<String[]> arn(Resource resource) {
        String id = resource.id();
        return Optional.ofNullable(switch (resource.type()) {
            case "security-group" -> new String[] { AwsDouble.arn("ec2", "security-group/" + id), "ec2:security-group" };
            case "security-group-rule" -> new String[] { AwsDouble.arn("ec2", "security-group-rule/" + id),
                    "ec2:security-group-rule" };
            case "target-group" -> new String[] { id, "elasticloadbalancing:targetgroup" };
            case "listener-rule" -> new String[] { id, "elasticloadbalancing:listener-rule" };
            case "file-system" -> new String[] { AwsDouble.arn("elasticfilesystem", "file-system/" + id),
                    "elasticfilesystem:file-system" };
            case "access-point" -> new String[] { AwsDouble.arn("elasticfilesystem", "access-point/" + id),
                    "elasticfilesystem:access-point" };
            case "task-definition" -> new String[] { id, "ecs:task-definition" };
            case "service" -> new String[] { id, "ecs:service" };
            case "log-group" -> new String[] { AwsDouble.arn("logs", "log-group:" + id), "logs:log-group" };
            case "secret" -> new String[] { id, "secretsmanager:secret" };
            default -> null;
        });
    }
}
