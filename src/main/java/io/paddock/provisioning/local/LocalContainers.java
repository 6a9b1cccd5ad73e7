package io.paddock.provisioning.local;

import static io.paddock.provisioning.ResourceTags.environmentOf;
import static io.paddock.provisioning.local.LocalCloud.deleted;
import static io.paddock.provisioning.local.LocalCloud.hex;
import static io.paddock.provisioning.local.LocalCloud.require;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ContainerPort;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.ServiceState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Task definitions, services and scalable targets in the local cloud. A service's running count reaches its
 * desired count once the simulated latency has passed since the last change; the time is stored, so this
 * holds across a restart.
 */
@ApplicationScoped
@Typed(LocalContainers.class)
public class LocalContainers implements ContainerPort {

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;
    @Inject LocalServiceTasks tasks;
    @Inject LocalLogs logs;

    @Override
    public Uni<TaskDefinition> registerTaskDefinition(RegisterTaskDefinition request) {
        CloudOperation operation = CloudOperation.REGISTER_TASK_DEFINITION;
        var environment = environmentOf(request.tags());
        return cloud.call(operation, environment, null, () -> requireAccessPoints(operation, request.volumes())
                .chain(() -> inventory.nextRevision(request.family()))
                .chain(revision -> {
                    String arn = cloud.arn("ecs", "task-definition/" + request.family() + ":" + revision);
                    return inventory.insert(new LocalInventory.Resource(arn, LocalResourceType.TASK_DEFINITION,
                                    environment, request.family(), null, new JsonObject()
                                            .put("revision", revision)
                                            .put("containers", request.workload().containers() == null ? 0
                                                    : request.workload().containers().size())
                                            .put("volumes", request.volumes().stream().map(TaskVolume::name).toList())
                                            .put("logGroup", request.logGroup())
                                            .put("containerNames", request.workload().containers() == null ? List.of()
                                                    : request.workload().containers().stream()
                                                            .map(io.paddock.provisioning.Workload.Container::name).toList())
                                            .put("tags", JsonObject.mapFrom(request.tags()))))
                            .replaceWith(new TaskDefinition(arn, request.family(), revision, request.tags()));
                }));
    }

    private Uni<Void> requireAccessPoints(CloudOperation operation, List<TaskVolume> volumes) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (TaskVolume volume : volumes) {
            all = all.chain(() -> require(inventory.find(volume.accessPointId(), LocalResourceType.ACCESS_POINT),
                    operation, "ClientException", "Access point '" + volume.accessPointId() + "' of volume '"
                            + volume.name() + "' does not exist.").replaceWithVoid());
        }
        return all;
    }

    @Override
    public Uni<TaskDefinition> describeTaskDefinition(String taskDefinitionArn) {
        CloudOperation operation = CloudOperation.DESCRIBE_TASK_DEFINITION;
        return cloud.call(operation, null, taskDefinitionArn, () -> inventory.find(taskDefinitionArn,
                        LocalResourceType.TASK_DEFINITION)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(taskDefinition(found.get()))
                        : Uni.createFrom().failure(ProviderException.notFound(operation, "ClientException",
                                "Unable to describe task definition."))));
    }

    private static TaskDefinition taskDefinition(LocalInventory.Resource resource) {
        Map<String, String> tags = new HashMap<>();
        resource.attributes().getJsonObject("tags", new JsonObject())
                .forEach(tag -> tags.put(tag.getKey(), String.valueOf(tag.getValue())));
        return new TaskDefinition(resource.id(), resource.name(), resource.attributes().getInteger("revision"),
                Map.copyOf(tags));
    }

    @Override
    public Uni<Void> deregisterTaskDefinition(String taskDefinitionArn) {
        return cloud.delete(CloudOperation.DEREGISTER_TASK_DEFINITION, taskDefinitionArn,
                LocalResourceType.TASK_DEFINITION, "ClientException", "The specified task definition does not exist.");
    }

    @Override
    public Uni<Service> createService(CreateService request) {
        CloudOperation operation = CloudOperation.CREATE_SERVICE;
        var environment = environmentOf(request.tags());
        String cluster = clusterName(request.cluster());
        String arn = cloud.arn("ecs", "service/" + cluster + "/" + request.serviceName());
        String clusterArn = cloud.arn("ecs", "cluster/" + cluster);
        List<String> referenced = new ArrayList<>();
        referenced.add(request.taskDefinitionArn());
        referenced.add(arn);
        referenced.addAll(request.securityGroupIds());
        if (request.loadBalancer() != null) {
            referenced.add(request.loadBalancer().targetGroupArn());
        }
        // What the service names is read in one query, and checked in the order ECS reports it.
        return cloud.call(operation, environment, null, () -> inventory.findAny(referenced)
                .chain(found -> {
                    LocalInventory.Resource definition = ofType(found, request.taskDefinitionArn(),
                            LocalResourceType.TASK_DEFINITION);
                    if (definition == null) {
                        return refused(operation, "ClientException", "TaskDefinition not found.");
                    }
                    for (String groupId : request.securityGroupIds()) {
                        if (ofType(found, groupId, LocalResourceType.SECURITY_GROUP) == null) {
                            return refused(operation, "InvalidParameterException",
                                    "Security group '" + groupId + "' does not exist.");
                        }
                    }
                    Uni<Void> routed = request.loadBalancer() == null ? Uni.createFrom().voidItem()
                            : ofType(found, request.loadBalancer().targetGroupArn(), LocalResourceType.TARGET_GROUP) == null
                                    ? refused(operation, "InvalidParameterException",
                                            "Unable to assume role and validate the specified targetGroupArn.")
                                    : requireListenerRule(operation, request.loadBalancer().targetGroupArn());
                    return routed.chain(() -> ofType(found, arn, LocalResourceType.SERVICE) != null
                            ? refused(operation, "InvalidParameterException", "Creation of service was not idempotent.")
                            : Uni.createFrom().item(definition));
                })
                .chain(definition -> tasks.deploy(arn, null, new JsonObject()
                                .put("taskDefinition", request.taskDefinitionArn())
                                .put("desiredCount", request.desiredCount())
                                .put("runningCount", 0)
                                .put("settlesAt", cloud.settlesAt(operation))
                                .put("targetGroupArn", request.loadBalancer() == null ? null
                                        : request.loadBalancer().targetGroupArn())
                                .put("securityGroups", new JsonArray(List.copyOf(request.securityGroupIds())))
                                .put("tags", JsonObject.mapFrom(request.tags()))
                                .mergeIn(capacity(request.capacityProviderStrategy())), definition))
                .chain(attributes -> inventory.insert(new LocalInventory.Resource(arn, LocalResourceType.SERVICE,
                        environment, request.serviceName(), clusterArn, attributes)))
                .replaceWith(new Service(arn, request.serviceName(), clusterArn)));
    }

    /** As ECS shows it: a launch type without a capacity provider strategy, else the strategy. */
    private static JsonObject capacity(List<CapacityShare> strategy) {
        if (strategy == null || strategy.isEmpty()) {
            return new JsonObject().put("launchType", "FARGATE").put("capacityProviderStrategy", new JsonArray());
        }
        JsonArray items = new JsonArray();
        strategy.forEach(share -> items.add(new JsonObject().put("capacityProvider", share.capacityProvider())
                .put("weight", share.weight()).put("base", share.base())));
        return new JsonObject().put("capacityProviderStrategy", items);
    }

    private Uni<Void> requireGroups(CloudOperation operation, List<String> groupIds) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String groupId : groupIds) {
            all = all.chain(() -> require(inventory.find(groupId, LocalResourceType.SECURITY_GROUP), operation,
                    "InvalidParameterException", "Security group '" + groupId + "' does not exist.").replaceWithVoid());
        }
        return all;
    }

    /** ECS refuses a target group that no listener forwards to. */
    private Uni<Void> requireListenerRule(CloudOperation operation, String targetGroupArn) {
        return inventory.children(targetGroupArn, LocalResourceType.LISTENER_RULE)
                .chain(rules -> rules.isEmpty()
                        ? refused(operation, "InvalidParameterException", "The target group with targetGroupArn "
                                + targetGroupArn + " does not have an associated load balancer.")
                        : Uni.createFrom().voidItem());
    }

    private static LocalInventory.Resource ofType(Map<String, LocalInventory.Resource> found, String id,
            LocalResourceType type) {
        LocalInventory.Resource resource = found.get(id);
        return resource != null && resource.type() == type ? resource : null;
    }

    private static <T> Uni<T> refused(CloudOperation operation, String code, String message) {
        return Uni.createFrom().failure(ProviderException.refused(operation, code, message));
    }

    @Override
    public Uni<Void> updateService(UpdateService request) {
        CloudOperation operation = CloudOperation.UPDATE_SERVICE;
        return cloud.call(operation, null, request.serviceArn(), () -> requireService(operation, request.serviceArn())
                .call(() -> request.taskDefinitionArn() == null ? Uni.createFrom().voidItem()
                        : require(inventory.find(request.taskDefinitionArn(), LocalResourceType.TASK_DEFINITION),
                                operation, "ClientException", "TaskDefinition not found.").replaceWithVoid())
                .call(() -> request.securityGroupIds() == null ? Uni.createFrom().voidItem()
                        : requireGroups(operation, request.securityGroupIds()))
                .chain(service -> {
                    JsonObject attributes = service.attributes().copy();
                    ServiceState now = state(attributes);
                    attributes.put("runningCount", now.runningCount());
                    if (request.taskDefinitionArn() != null) {
                        attributes.put("taskDefinition", request.taskDefinitionArn());
                    }
                    if (request.desiredCount() != null) {
                        attributes.put("desiredCount", request.desiredCount());
                    }
                    if (request.capacityProviderStrategy() != null) {
                        attributes.remove("launchType");
                        attributes.mergeIn(capacity(request.capacityProviderStrategy()));
                    }
                    if (request.securityGroupIds() != null) {
                        attributes.put("securityGroups", new JsonArray(List.copyOf(request.securityGroupIds())));
                    }
                    attributes.put("settlesAt", cloud.settlesAt(operation));
                    return tasks.deploy(service.id(), service.attributes(), attributes)
                            .chain(deployed -> inventory.updateAttributes(service.id(), deployed));
                }));
    }

    @Override
    public Uni<Map<String, ServiceState>> describeServices(String cluster, List<String> serviceArns) {
        return cloud.call(CloudOperation.DESCRIBE_SERVICES, null, null, () -> inventory
                .findAll(serviceArns, LocalResourceType.SERVICE)
                .map(services -> {
                    Map<String, ServiceState> states = new HashMap<>();
                    services.forEach(service -> states.put(service.id(), state(service.attributes())));
                    return states;
                }));
    }

    @Override
    public Uni<Void> deleteService(String cluster, String serviceArn) {
        return cloud.delete(CloudOperation.DELETE_SERVICE, serviceArn, LocalResourceType.SERVICE,
                "ServiceNotFoundException", "Service not found.");
    }

    @Override
    public Uni<ScalableTarget> registerScalableTarget(RegisterScalableTarget request) {
        CloudOperation operation = CloudOperation.REGISTER_SCALABLE_TARGET;
        String serviceArn = cloud.arn("ecs", request.resourceId());
        return cloud.call(operation, null, serviceArn, () -> {
            if (request.minCapacity() > request.maxCapacity()) {
                return Uni.createFrom().failure(ProviderException.refused(operation, "ValidationException",
                        "Minimum capacity cannot be greater than maximum capacity"));
            }
            JsonObject capacity = new JsonObject()
                    .put("minCapacity", request.minCapacity())
                    .put("maxCapacity", request.maxCapacity());
            return require(inventory.find(serviceArn, LocalResourceType.SERVICE), operation, "ValidationException",
                            "ECS service doesn't exist: " + request.resourceId())
                    .chain(service -> inventory.children(request.resourceId(), LocalResourceType.SCALABLE_TARGET)
                            .chain(existing -> {
                                if (!existing.isEmpty()) {
                                    // As in Application Auto Scaling, what the request leaves out stays.
                                    String arn = existing.get(0).id();
                                    return inventory.updateAttributes(arn, existing.get(0).attributes().copy()
                                            .mergeIn(capacity)).replaceWith(arn);
                                }
                                String arn = cloud.arn("application-autoscaling", "scalable-target/" + hex(36));
                                return inventory.insert(new LocalInventory.Resource(arn,
                                        LocalResourceType.SCALABLE_TARGET, service.environmentId(),
                                        request.resourceId(), request.resourceId(), capacity)).replaceWith(arn);
                            }))
                    .map(arn -> new ScalableTarget(arn, request.resourceId(), request.minCapacity(),
                            request.maxCapacity()));
        });
    }

    @Override
    public Uni<Void> suspendScaling(String resourceId, boolean suspended) {
        CloudOperation operation = CloudOperation.REGISTER_SCALABLE_TARGET;
        return cloud.call(operation, null, cloud.arn("ecs", resourceId), () -> inventory.children(resourceId,
                        LocalResourceType.SCALABLE_TARGET)
                .chain(targets -> targets.isEmpty()
                        ? Uni.createFrom().failure(ProviderException.refused(operation, "ValidationException",
                                "MinCapacity and MaxCapacity are required to register a new scalable target: "
                                        + resourceId))
                        : inventory.updateAttributes(targets.get(0).id(), targets.get(0).attributes().copy()
                                .put("suspended", suspended))));
    }

    @Override
    public Uni<Void> deregisterScalableTarget(String resourceId) {
        CloudOperation operation = CloudOperation.DEREGISTER_SCALABLE_TARGET;
        return cloud.call(operation, null, cloud.arn("ecs", resourceId), () -> inventory.children(resourceId,
                        LocalResourceType.SCALABLE_TARGET)
                .chain(targets -> targets.isEmpty()
                        ? Uni.createFrom().failure(ProviderException.notFound(operation, "ObjectNotFoundException",
                                "No scalable target registered for service namespace: ecs, resource ID: " + resourceId))
                        // As in Application Auto Scaling, the target's scaling policies go with it.
                        : inventory.deleteChildren(resourceId, LocalResourceType.SCALING_POLICY)
                                .chain(() -> deleted(inventory.delete(targets.get(0).id(),
                                        LocalResourceType.SCALABLE_TARGET), operation, "ObjectNotFoundException",
                                        "No scalable target registered for " + resourceId))));
    }

    @Override
    public Uni<LogGroup> createLogGroup(CreateLogGroup request) {
        CloudOperation operation = CloudOperation.CREATE_LOG_GROUP;
        var environment = environmentOf(request.tags());
        return cloud.call(operation, environment, null, () -> inventory.find(request.logGroupName(),
                        LocalResourceType.LOG_GROUP)
                .chain(existing -> existing.isPresent()
                        ? Uni.createFrom().failure(ProviderException.refused(operation, "ResourceAlreadyExistsException",
                                "The specified log group already exists"))
                        : inventory.insert(new LocalInventory.Resource(request.logGroupName(), LocalResourceType.LOG_GROUP,
                                environment, request.logGroupName(), null, new JsonObject()
                                        .put("tags", JsonObject.mapFrom(request.tags())))))
                .replaceWith(new LogGroup(request.logGroupName())));
    }

    @Override
    public Uni<Void> deleteLogGroup(String logGroupName) {
        // As in CloudWatch Logs, the group's events go with it.
        return cloud.delete(CloudOperation.DELETE_LOG_GROUP, logGroupName, LocalResourceType.LOG_GROUP,
                        "ResourceNotFoundException", "The specified log group does not exist.")
                .call(() -> logs.forget(logGroupName));
    }

    @Override
    public Uni<Secret> createSecret(CreateSecret request) {
        CloudOperation operation = CloudOperation.CREATE_SECRET;
        var environment = environmentOf(request.tags());
        String arn = cloud.arn("secretsmanager", "secret:" + request.name() + "-" + hex(6));
        return cloud.call(operation, environment, null, () -> inventory.insert(new LocalInventory.Resource(arn,
                        LocalResourceType.SECRET, environment, request.name(), null, new JsonObject()
                                .put("tags", JsonObject.mapFrom(request.tags()))))
                .replaceWith(new Secret(arn, request.name())));
    }

    @Override
    public Uni<Void> deleteSecret(String secretArn) {
        return cloud.delete(CloudOperation.DELETE_SECRET, secretArn, LocalResourceType.SECRET,
                "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    private Uni<LocalInventory.Resource> requireService(CloudOperation operation, String serviceArn) {
        return inventory.find(serviceArn, LocalResourceType.SERVICE)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : Uni.createFrom().failure(ProviderException.notFound(operation, "ServiceNotFoundException",
                                "Service not found.")));
    }

    /** Until the change has settled the old running count holds and a deployment is in progress. */
    private static ServiceState state(JsonObject attributes) {
        int desired = attributes.getInteger("desiredCount");
        boolean settled = System.currentTimeMillis() >= attributes.getLong("settlesAt");
        return settled
                ? new ServiceState(desired, desired, false)
                : new ServiceState(attributes.getInteger("runningCount"), desired, true);
    }

    private static String clusterName(String cluster) {
        return cluster.startsWith("arn:") ? cluster.substring(cluster.lastIndexOf('/') + 1) : cluster;
    }
}
