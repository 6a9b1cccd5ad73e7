package io.paddock.testing.aws;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.aws.AwsDouble.Resource;

/**
 * The {@code application/x-amz-json-1.1} services: ECS, Application Auto Scaling, Secrets Manager, CloudWatch Logs,
 * and the Resource Groups Tagging API ({@link Tagging}).
 */
final class JsonServices {

    private final AwsDouble aws;
    private final Tagging tagging;

    JsonServices(AwsDouble aws) {
        this.aws = aws;
        this.tagging = new Tagging(aws);
    }

    /** The service an {@code X-Amz-Target} names, by its prefix. */
    static String service(String target) {
        String prefix = target.substring(0, Math.max(0, target.indexOf('.')));
        return switch (prefix) {
            case "AmazonEC2ContainerServiceV20141113" -> "ecs";
            case "AnyScaleFrontendService" -> "application-autoscaling";
            case "secretsmanager" -> "secretsmanager";
            case "Logs_20140328" -> "logs";
            case "ResourceGroupsTaggingAPI_20170126" -> "tag";
            default -> "unknown:" + prefix;
        };
    }

    JsonNode handle(String service, String operation, JsonNode request) {
        return switch (service + " " + operation) {
            case "ecs RegisterTaskDefinition" -> registerTaskDefinition(request);
            case "ecs DescribeTaskDefinition" -> describeTaskDefinition(request);
            case "ecs DeregisterTaskDefinition" -> deregisterTaskDefinition(request);
            case "ecs CreateService" -> createService(request);
            case "ecs DescribeServices" -> describeServices(request);
            case "ecs UpdateService" -> updateService(request);
            case "ecs DeleteService" -> deleteService(request);
            case "ecs ListTasks" -> listTasks(request);
            case "ecs DescribeTasks" -> describeTasks(request);
            case "application-autoscaling RegisterScalableTarget" -> registerScalableTarget(request);
            case "application-autoscaling DeregisterScalableTarget" -> deregisterScalableTarget(request);
            case "application-autoscaling PutScalingPolicy" -> putScalingPolicy(request);
            case "application-autoscaling DescribeScalingPolicies" -> describeScalingPolicies(request);
            case "application-autoscaling DeleteScalingPolicy" -> deleteScalingPolicy(request);
            case "secretsmanager CreateSecret" -> createSecret(request);
            case "secretsmanager DescribeSecret" -> describeSecret(request);
            case "secretsmanager DeleteSecret" -> deleteSecret(request);
            case "logs CreateLogGroup" -> createLogGroup(request);
            case "logs PutRetentionPolicy" -> putRetentionPolicy(request);
            case "logs DeleteLogGroup" -> deleteLogGroup(request);
            case "tag GetResources" -> tagging.getResources(request);
            default -> throw new AwsDouble.AwsError(400, "UnknownOperationException", service + " " + operation);
        };
    }

    // --- ECS

    private JsonNode registerTaskDefinition(JsonNode request) {
        String family = request.path("family").asText();
        int revision = aws.nextRevision(family);
        String arn = AwsDouble.arn("ecs", "task-definition/" + family + ":" + revision);
        ObjectNode definition = ((ObjectNode) request.deepCopy());
        definition.remove("tags");
        definition.put("taskDefinitionArn", arn).put("revision", revision).put("status", "ACTIVE");
        ObjectNode state = AwsDouble.state().put("status", "ACTIVE").put("family", family).put("revision", revision);
        state.set("definition", definition);
        aws.put("task-definition", arn, family + ":" + revision, AwsDouble.tags(request.path("tags"), "key", "value"),
                state);
        ObjectNode answer = AwsDouble.object();
        answer.set("taskDefinition", definition);
        answer.set("tags", request.path("tags"));
        return answer;
    }

    private Resource taskDefinition(String name) {
        List<Resource> found = name.startsWith("arn:")
                ? aws.all("task-definition", t -> t.id().equals(name))
                : name.contains(":")
                        ? aws.all("task-definition", t -> t.name().equals(name))
                        : aws.all("task-definition", t -> t.state().path("family").asText().equals(name)
                                && "ACTIVE".equals(t.state().path("status").asText()));
        return found.stream().max((a, b) -> Integer.compare(a.state().path("revision").asInt(),
                b.state().path("revision").asInt())).orElse(null);
    }

    private JsonNode describeTaskDefinition(JsonNode request) {
        Resource found = taskDefinition(request.path("taskDefinition").asText());
        if (found == null) {
            throw AwsDouble.refused("ClientException", "Unable to describe task definition.");
        }
        ObjectNode answer = AwsDouble.object();
        answer.set("taskDefinition", found.state().path("definition"));
        ArrayNode tags = AwsDouble.array();
        found.tags().forEach((key, value) -> tags.add(AwsDouble.object().put("key", key).put("value", value)));
        answer.set("tags", tags);
        return answer;
    }

    private JsonNode deregisterTaskDefinition(JsonNode request) {
        Resource found = taskDefinition(request.path("taskDefinition").asText());
        if (found == null || !"ACTIVE".equals(found.state().path("status").asText())) {
            throw AwsDouble.refused("ClientException", "The specified task definition does not exist.");
        }
        found.state().put("status", "INACTIVE");
        ((ObjectNode) found.state().path("definition")).put("status", "INACTIVE");
        ObjectNode answer = AwsDouble.object();
        answer.set("taskDefinition", found.state().path("definition"));
        return answer;
    }

    private static String clusterName(String cluster) {
        return cluster.startsWith("arn:") ? cluster.substring(cluster.lastIndexOf('/') + 1) : cluster;
    }

    private JsonNode createService(JsonNode request) {
        String cluster = clusterName(request.path("cluster").asText());
        String name = request.path("serviceName").asText();
        String arn = AwsDouble.arn("ecs", "service/" + cluster + "/" + name);
        Resource existing = aws.find(arn).filter(r -> !r.state().path("status").asText().equals("INACTIVE")).orElse(null);
        if (existing != null && existing.state().path("status").asText().equals("DRAINING")) {
            throw AwsDouble.refused("InvalidParameterException", "Unable to Start a service that is still Draining.");
        }
        if (existing != null) {
            if (existing.state().path("request").path("clientToken").asText().equals(request.path("clientToken").asText())) {
                return serviceAnswer(existing);
            }
            throw AwsDouble.refused("InvalidParameterException", "Creation of service was not idempotent.");
        }
        Resource definition = taskDefinition(request.path("taskDefinition").asText());
        if (definition == null || !"ACTIVE".equals(definition.state().path("status").asText())) {
            throw AwsDouble.refused("ClientException", "TaskDefinition not found.");
        }
        for (JsonNode balancer : request.path("loadBalancers")) {
            String group = balancer.path("targetGroupArn").asText();
            if (aws.all("listener-rule", r -> r.state().path("targetGroupArn").asText().equals(group)).isEmpty()) {
                throw AwsDouble.refused("InvalidParameterException", "The target group with targetGroupArn " + group
                        + " does not have an associated load balancer.");
            }
        }
        ObjectNode state = AwsDouble.state().put("status", "ACTIVE").put("cluster", cluster)
                .put("taskDefinition", definition.id()).put("desiredCount", request.path("desiredCount").asInt())
                .put("runningCount", 0);
        EcsCapacity.onCreate(request, state);
        state.set("request", request);
        state.set("securityGroups", request.path("networkConfiguration").path("awsvpcConfiguration").path("securityGroups"));
        Resource service = aws.put("service", arn, name, AwsDouble.tags(request.path("tags"), "key", "value"), state);
        return serviceAnswer(service);
    }

    private static ObjectNode service(Resource service) {
        ObjectNode state = service.state();
        ObjectNode node = AwsDouble.object()
                .put("serviceArn", service.id())
                .put("serviceName", service.name())
                .put("clusterArn", AwsDouble.arn("ecs", "cluster/" + state.path("cluster").asText()))
                .put("status", state.path("status").asText())
                .put("desiredCount", state.path("desiredCount").asInt())
                .put("runningCount", state.path("runningCount").asInt())
                .put("pendingCount", 0)
                .put("taskDefinition", state.path("taskDefinition").asText());
        EcsCapacity.describe(state, node);
        node.set("networkConfiguration", AwsDouble.object().set("awsvpcConfiguration", AwsDouble.object()
                .set("securityGroups", state.path("securityGroups").deepCopy())));
        ArrayNode deployments = AwsDouble.array();
        deployments.add(AwsDouble.object().put("id", "ecs-svc/" + Math.abs(service.id().hashCode()))
                .put("status", "PRIMARY").put("taskDefinition", state.path("taskDefinition").asText())
                .put("desiredCount", state.path("desiredCount").asInt())
                .put("runningCount", state.path("runningCount").asInt())
                .put("rolloutState", "COMPLETED"));
        node.set("deployments", deployments);
        return node;
    }

    private static ObjectNode serviceAnswer(Resource service) {
        ObjectNode answer = AwsDouble.object();
        answer.set("service", service(service));
        return answer;
    }

    private Resource service(JsonNode request, String field) {
        String cluster = clusterName(request.path("cluster").asText("default"));
        String name = request.path(field).asText();
        String arn = name.startsWith("arn:") ? name : AwsDouble.arn("ecs", "service/" + cluster + "/" + name);
        return aws.find(arn).filter(r -> r.type().equals("service")).orElse(null);
    }

    private JsonNode describeServices(JsonNode request) {
        if (request.path("services").size() > 10) {
            throw AwsDouble.refused("InvalidParameterException", "services can have at most 10 items.");
        }
        ArrayNode services = AwsDouble.array();
        ArrayNode failures = AwsDouble.array();
        for (JsonNode name : request.path("services")) {
            ObjectNode one = AwsDouble.object().put("cluster", request.path("cluster").asText()).put("services", "");
            one.set("services", AwsDouble.array().add(name));
            Resource found = service(one.put("service", name.asText()), "service");
            if (found == null) {
                failures.add(AwsDouble.object().put("arn", name.asText()).put("reason", "MISSING"));
            } else {
                // An active service reaches its desired count by the time anyone asks.
                if (found.state().path("status").asText().equals("ACTIVE")) {
                    found.state().put("runningCount", found.state().path("desiredCount").asInt());
                }
                services.add(service(found));
            }
        }
        ObjectNode answer = AwsDouble.object();
        answer.set("services", services);
        answer.set("failures", failures);
        return answer;
    }

    private JsonNode updateService(JsonNode request) {
        Resource found = service(request, "service");
        if (found == null) {
            throw AwsDouble.refused("ServiceNotFoundException", "Service not found.");
        }
        if (!found.state().path("status").asText().equals("ACTIVE")) {
            throw AwsDouble.refused("ServiceNotActiveException", "Service was not ACTIVE.");
        }
        if (request.hasNonNull("taskDefinition")) {
            Resource definition = taskDefinition(request.path("taskDefinition").asText());
            if (definition == null) {
                throw AwsDouble.refused("ClientException", "TaskDefinition not found.");
            }
            found.state().put("taskDefinition", definition.id());
        }
        EcsCapacity.onUpdate(request, found.state());
        JsonNode groups = request.path("networkConfiguration").path("awsvpcConfiguration").path("securityGroups");
        if (groups.isArray()) {
            for (JsonNode group : groups) {
                if (aws.find(group.asText()).filter(r -> r.type().equals("security-group")).isEmpty()) {
                    throw AwsDouble.refused("InvalidParameterException", "Error retrieving security group information for ["
                            + group.asText() + "]: The security group '" + group.asText() + "' does not exist");
                }
            }
            found.state().set("securityGroups", groups.deepCopy());
        }
        if (request.hasNonNull("desiredCount")) {
            found.state().put("desiredCount", request.path("desiredCount").asInt());
        }
        return serviceAnswer(found);
    }

    private JsonNode deleteService(JsonNode request) {
        Resource found = service(request, "service");
        if (found == null) {
            throw AwsDouble.refused("ServiceNotFoundException", "Service not found.");
        }
        if (!found.state().path("status").asText().equals("ACTIVE")) {
            throw AwsDouble.refused("ServiceNotActiveException", "Service was not ACTIVE.");
        }
        if (found.state().path("desiredCount").asInt() > 0 && !request.path("force").asBoolean()) {
            throw AwsDouble.refused("InvalidParameterException", "The service cannot be stopped while it is scaled above 0.");
        }
        // DRAINING while its tasks stop (they keep their network interfaces meanwhile), then INACTIVE.
        found.state().put("status", "DRAINING").put("desiredCount", 0);
        AwsDouble.later(found, "status", "INACTIVE", aws.timing().serviceDraining());
        return serviceAnswer(found);
    }

    /** ListTasks filters as ECS does: cluster, family, desiredStatus (RUNNING when absent), newest first. */
    private JsonNode listTasks(JsonNode request) {
        String cluster = clusterName(request.path("cluster").asText("default"));
        String family = request.path("family").asText(null);
        String desired = request.path("desiredStatus").asText("RUNNING");
        ArrayNode arns = AwsDouble.array();
        List<Resource> tasks = aws.all("task", t -> clusterName(t.state().path("cluster").asText()).equals(cluster)
                && (family == null || family.equals(t.state().path("family").asText()))
                && desired.equals(t.state().path("desiredStatus").asText()));
        for (int i = tasks.size() - 1; i >= 0 && arns.size() < request.path("maxResults").asInt(100); i--) {
            arns.add(tasks.get(i).id());
        }
        ObjectNode answer = AwsDouble.object();
        answer.set("taskArns", arns);
        return answer;
    }

    private JsonNode describeTasks(JsonNode request) {
        if (request.path("tasks").size() > 100) {
            throw AwsDouble.refused("InvalidParameterException", "Tasks cannot be more than 100.");
        }
        boolean withTags = AwsDouble.texts(request.path("include")).contains("TAGS");
        ArrayNode tasks = AwsDouble.array();
        ArrayNode failures = AwsDouble.array();
        for (JsonNode arn : request.path("tasks")) {
            Resource task = aws.find(arn.asText()).filter(r -> r.type().equals("task")).orElse(null);
            if (task == null) {
                failures.add(AwsDouble.object().put("arn", arn.asText()).put("reason", "MISSING"));
                continue;
            }
            ObjectNode state = task.state();
            ObjectNode node = AwsDouble.object().put("taskArn", task.id()).put("clusterArn", state.path("cluster").asText())
                    .put("taskDefinitionArn", state.path("taskDefinitionArn").asText())
                    .put("lastStatus", state.path("lastStatus").asText())
                    .put("desiredStatus", state.path("desiredStatus").asText())
                    .put("launchType", state.path("launchType").asText());
            for (String time : List.of("createdAt", "startedAt", "stoppedAt")) {
                if (state.has(time)) {
                    node.put(time, state.path(time).asDouble());
                }
            }
            for (String text : List.of("stopCode", "stoppedReason")) {
                if (state.has(text)) {
                    node.put(text, state.path(text).asText());
                }
            }
            node.set("containers", state.path("containers"));
            node.set("overrides", state.path("overrides"));
            if (withTags) {
                ArrayNode tags = AwsDouble.array();
                task.tags().forEach((key, value) -> tags.add(AwsDouble.object().put("key", key).put("value", value)));
                node.set("tags", tags);
            }
            tasks.add(node);
        }
        ObjectNode answer = AwsDouble.object();
        answer.set("tasks", tasks);
        answer.set("failures", failures);
        return answer;
    }

    // --- Application Auto Scaling

    /**
     * As Application Auto Scaling: a new target needs both capacities; for an existing one, what the request
     * leaves out (capacities, SuspendedState) stays as it was.
     */
    private JsonNode registerScalableTarget(JsonNode request) {
        String resourceId = request.path("ResourceId").asText();
        String[] parts = resourceId.split("/");
        if (parts.length != 3 || aws.find(AwsDouble.arn("ecs", "service/" + parts[1] + "/" + parts[2]))
                .filter(service -> service.state().path("status").asText().equals("ACTIVE")).isEmpty()) {
            throw AwsDouble.refused("ValidationException", "ECS service doesn't exist: " + resourceId);
        }
        List<Resource> existing = aws.all("scalable-target", t -> t.name().equals(resourceId));
        if (existing.isEmpty() && (!request.has("MinCapacity") || !request.has("MaxCapacity"))) {
            throw AwsDouble.refused("ValidationException",
                    "MinCapacity and MaxCapacity are required for registering a new scalable target");
        }
        Resource target;
        if (existing.isEmpty()) {
            String arn = AwsDouble.arn("application-autoscaling", "scalable-target/" + AwsDouble.hex(36));
            target = aws.put("scalable-target", arn, resourceId, AwsDouble.tags(request.path("Tags"), "", ""),
                    AwsDouble.state());
        } else {
            target = existing.get(0);
        }
        int min = request.has("MinCapacity") ? request.get("MinCapacity").asInt() : target.state().path("min").asInt();
        int max = request.has("MaxCapacity") ? request.get("MaxCapacity").asInt() : target.state().path("max").asInt();
        if (min > max) {
            throw AwsDouble.refused("ValidationException", "Minimum capacity cannot be greater than maximum capacity");
        }
        target.state().put("min", min).put("max", max)
                .put("dimension", request.path("ScalableDimension").asText())
                .put("namespace", request.path("ServiceNamespace").asText());
        if (request.has("SuspendedState")) {
            target.state().set("suspended", request.get("SuspendedState").deepCopy());
        }
        return AwsDouble.object().put("ScalableTargetARN", target.id());
    }

    private JsonNode deregisterScalableTarget(JsonNode request) {
        String resourceId = request.path("ResourceId").asText();
        List<Resource> existing = aws.all("scalable-target", t -> t.name().equals(resourceId));
        if (existing.isEmpty()) {
            throw AwsDouble.refused("ObjectNotFoundException", "No scalable target registered for service namespace: ecs,"
                    + " resource ID: " + resourceId + ", scalable dimension: ecs:service:DesiredCount");
        }
        aws.remove(existing.get(0).id());
        // As in Application Auto Scaling, deregistering a target deletes its scaling policies.
        policies(resourceId).forEach(policy -> aws.remove(policy.id()));
        return AwsDouble.object();
    }

    private List<Resource> policies(String resourceId) {
        return aws.all("scaling-policy", p -> p.state().path("resourceId").asText().equals(resourceId));
    }

    /** Target tracking only, on a registered target; request counts need a target group the load balancer routes to. */
    private JsonNode putScalingPolicy(JsonNode request) {
        String resourceId = request.path("ResourceId").asText();
        String name = request.path("PolicyName").asText();
        if (name.isEmpty() || name.length() > 256) {
            throw AwsDouble.refused("ValidationException", "1 validation error detected: Value at 'policyName' failed to"
                    + " satisfy constraint: Member must have length between 1 and 256");
        }
        if (!"TargetTrackingScaling".equals(request.path("PolicyType").asText())) {
            throw AwsDouble.refused("ValidationException", "the double only knows TargetTrackingScaling policies");
        }
        if (aws.all("scalable-target", t -> t.name().equals(resourceId)
                && t.state().path("dimension").asText().equals(request.path("ScalableDimension").asText())
                && t.state().path("namespace").asText().equals(request.path("ServiceNamespace").asText())).isEmpty()) {
            throw AwsDouble.refused("ObjectNotFoundException", "No scalable target registered for service namespace: "
                    + request.path("ServiceNamespace").asText() + ", resource ID: " + resourceId
                    + ", scalable dimension: " + request.path("ScalableDimension").asText());
        }
        JsonNode tracking = request.path("TargetTrackingScalingPolicyConfiguration");
        if (!tracking.path("TargetValue").isNumber()) {
            throw AwsDouble.refused("ValidationException", "TargetValue is required");
        }
        JsonNode metric = tracking.path("PredefinedMetricSpecification");
        String type = metric.path("PredefinedMetricType").asText();
        if (!List.of("ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization", "ALBRequestCountPerTarget")
                .contains(type)) {
            throw AwsDouble.refused("ValidationException", "Unsupported metric type for ecs: " + type);
        }
        if (type.equals("ALBRequestCountPerTarget")) {
            requireAttached(metric.path("ResourceLabel").asText());
        } else if (metric.has("ResourceLabel")) {
            throw AwsDouble.refused("ValidationException", "ResourceLabel is only valid for ALBRequestCountPerTarget");
        }
        List<Resource> same = policies(resourceId).stream().filter(p -> p.name().equals(name)).toList();
        Resource policy;
        if (same.isEmpty()) {
            String arn = AwsDouble.arn("autoscaling", "scalingPolicy:" + java.util.UUID.randomUUID() + ":resource/"
                    + request.path("ServiceNamespace").asText() + "/" + resourceId + ":policyName/" + name);
            ArrayNode alarms = AwsDouble.array();
            for (String level : List.of("AlarmHigh", "AlarmLow")) {
                String alarm = "TargetTracking-" + resourceId + "-" + level + "-" + java.util.UUID.randomUUID();
                alarms.add(AwsDouble.object().put("AlarmName", alarm).put("AlarmARN", AwsDouble.arn("cloudwatch",
                        "alarm:" + alarm)));
            }
            ObjectNode state = AwsDouble.state().put("resourceId", resourceId);
            state.set("alarms", alarms);
            policy = aws.put("scaling-policy", arn, name, none(), state);
        } else {
            policy = same.get(0);
        }
        policy.state().set("request", request.deepCopy());
        ObjectNode answer = AwsDouble.object().put("PolicyARN", policy.id());
        answer.set("Alarms", policy.state().path("alarms"));
        return answer;
    }

    /** A label is app/<load balancer>/<id>/targetgroup/<name>/<id>, and a rule of that load balancer forwards to the group. */
    private void requireAttached(String label) {
        int split = label.indexOf("/targetgroup/");
        if (!label.startsWith("app/") || split < 0) {
            throw AwsDouble.refused("ValidationException", "Invalid resource label " + label + " for"
                    + " ALBRequestCountPerTarget: expected app/<load-balancer-name>/<load-balancer-id>/targetgroup/"
                    + "<target-group-name>/<target-group-id>");
        }
        String targetGroupArn = AwsDouble.arn("elasticloadbalancing", label.substring(split + 1));
        String listenerPrefix = ":listener/" + label.substring(0, split) + "/";
        if (aws.all("listener-rule", r -> r.state().path("targetGroupArn").asText().equals(targetGroupArn)
                && r.state().path("listenerArn").asText().contains(listenerPrefix)).isEmpty()) {
            throw AwsDouble.refused("ValidationException", "The target group " + targetGroupArn
                    + " is not attached to the load balancer in resource label " + label);
        }
    }

    private JsonNode describeScalingPolicies(JsonNode request) {
        String resourceId = request.path("ResourceId").asText(null);
        List<String> names = List.copyOf(AwsDouble.texts(request.path("PolicyNames")));
        ArrayNode found = AwsDouble.array();
        for (Resource policy : aws.all("scaling-policy", p -> true)) {
            if ((resourceId == null || policy.state().path("resourceId").asText().equals(resourceId))
                    && (names.isEmpty() || names.contains(policy.name()))) {
                JsonNode put = policy.state().path("request");
                ObjectNode one = AwsDouble.object().put("PolicyARN", policy.id()).put("PolicyName", policy.name())
                        .put("ServiceNamespace", put.path("ServiceNamespace").asText())
                        .put("ResourceId", put.path("ResourceId").asText())
                        .put("ScalableDimension", put.path("ScalableDimension").asText())
                        .put("PolicyType", put.path("PolicyType").asText())
                        .put("CreationTime", 1_700_000_000L);
                one.set("TargetTrackingScalingPolicyConfiguration", put.path("TargetTrackingScalingPolicyConfiguration"));
                one.set("Alarms", policy.state().path("alarms"));
                found.add(one);
            }
        }
        ObjectNode answer = AwsDouble.object();
        answer.set("ScalingPolicies", found);
        return answer;
    }

    private JsonNode deleteScalingPolicy(JsonNode request) {
        String resourceId = request.path("ResourceId").asText();
        String name = request.path("PolicyName").asText();
        List<Resource> same = policies(resourceId).stream().filter(p -> p.name().equals(name)).toList();
        if (same.isEmpty()) {
            throw AwsDouble.refused("ObjectNotFoundException", "No scaling policy found for service namespace: "
                    + request.path("ServiceNamespace").asText() + ", resource ID: " + resourceId
                    + ", scalable dimension: " + request.path("ScalableDimension").asText() + ", policy name: " + name);
        }
        aws.remove(same.get(0).id());
        return AwsDouble.object();
    }

    // --- Secrets Manager

    private JsonNode createSecret(JsonNode request) {
        String name = request.path("Name").asText();
        List<Resource> existing = aws.all("secret", s -> s.name().equals(name));
        if (!existing.isEmpty()) {
            Resource secret = existing.get(0);
            if (secret.state().path("token").asText().equals(request.path("ClientRequestToken").asText())) {
                return AwsDouble.object().put("ARN", secret.id()).put("Name", name);
            }
            throw AwsDouble.refused("ResourceExistsException", "The operation failed because the secret " + name
                    + " already exists.");
        }
        String arn = AwsDouble.arn("secretsmanager", "secret:" + name + "-" + AwsDouble.hex(6));
        ObjectNode state = AwsDouble.state().put("token", request.path("ClientRequestToken").asText())
                .put("secretString", request.path("SecretString").asText());
        aws.put("secret", arn, name, AwsDouble.tags(request.path("Tags"), "Key", "Value"), state);
        return AwsDouble.object().put("ARN", arn).put("Name", name).put("VersionId", request.path("ClientRequestToken").asText());
    }

    private Resource secret(String id) {
        return aws.all("secret", s -> s.id().equals(id) || s.name().equals(id)).stream().findFirst()
                .orElseThrow(() -> AwsDouble.refused("ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret."));
    }

    private JsonNode describeSecret(JsonNode request) {
        Resource secret = secret(request.path("SecretId").asText());
        ObjectNode answer = AwsDouble.object().put("ARN", secret.id()).put("Name", secret.name());
        ArrayNode tags = AwsDouble.array();
        secret.tags().forEach((key, value) -> tags.add(AwsDouble.object().put("Key", key).put("Value", value)));
        answer.set("Tags", tags);
        return answer;
    }

    private JsonNode deleteSecret(JsonNode request) {
        Resource secret = secret(request.path("SecretId").asText());
        if (!request.path("ForceDeleteWithoutRecovery").asBoolean()) {
            throw AwsDouble.refused("InvalidParameterException", "the double only deletes without recovery");
        }
        aws.remove(secret.id());
        return AwsDouble.object().put("ARN", secret.id()).put("Name", secret.name()).put("DeletionDate", 1_700_000_000L);
    }

    // --- CloudWatch Logs

    private JsonNode createLogGroup(JsonNode request) {
        String name = request.path("logGroupName").asText();
        if (aws.find(name).isPresent()) {
            throw AwsDouble.refused("ResourceAlreadyExistsException", "The specified log group already exists");
        }
        aws.put("log-group", name, name, AwsDouble.tags(request.path("tags"), "", ""), AwsDouble.state());
        return AwsDouble.object();
    }

    private JsonNode putRetentionPolicy(JsonNode request) {
        Resource group = aws.find(request.path("logGroupName").asText())
                .orElseThrow(() -> AwsDouble.refused("ResourceNotFoundException", "The specified log group does not exist."));
        group.state().put("retentionInDays", request.path("retentionInDays").asInt());
        return AwsDouble.object();
    }

    private JsonNode deleteLogGroup(JsonNode request) {
        String name = request.path("logGroupName").asText();
        if (aws.find(name).filter(r -> r.type().equals("log-group")).isEmpty()) {
            throw AwsDouble.refused("ResourceNotFoundException", "The specified log group does not exist.");
        }
        aws.remove(name);
        return AwsDouble.object();
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
