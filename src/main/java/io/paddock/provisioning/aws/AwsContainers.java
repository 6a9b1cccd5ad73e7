package io.paddock.provisioning.aws;

import static io.paddock.provisioning.aws.AwsCalls.code;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ContainerPort;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.ResourceTags;
import io.paddock.provisioning.ServiceState;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingAsyncClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;

/**
 * ECS task definitions and services, their Application Auto Scaling target, the CloudWatch Logs group and
 * the Secrets Manager app-secrets store. Repeated creates find what an earlier attempt made: the latest
 * revision of the family when its definition digest tag matches, the service by name (and a client token),
 * the log group and the secret by name.
 */
@Singleton
@Typed(AwsContainers.class)
public class AwsContainers implements ContainerPort {

    private static final Logger LOG = Logger.getLogger(AwsContainers.class);

    /** ECS client tokens: at most 36 ASCII characters. */
    private static final int CLIENT_TOKEN_MAX = 36;

    @Inject EcsAsyncClient ecs;
    @Inject ApplicationAutoScalingAsyncClient autoScaling;
    @Inject CloudWatchLogsAsyncClient logs;
    @Inject SecretsManagerAsyncClient secrets;
    @Inject AwsCalls calls;
    @Inject AwsSettings settings;

    /**
     * A revision is not idempotent in ECS: registering twice makes two. So the family's latest revision is read
     * first and reused when it carries the same definition digest.
     */
    @Override
    public Uni<TaskDefinition> registerTaskDefinition(RegisterTaskDefinition request) {
        CloudOperation operation = CloudOperation.REGISTER_TASK_DEFINITION;
        String digest = request.tags().get(ResourceTags.DEFINITION_DIGEST);
        return describe(operation, request.family())
                .onFailure(ProviderException.NotFound.class)
                .recoverWithNull()
                .chain(latest -> latest != null && digest != null && digest.equals(latest.tags().get(ResourceTags.DEFINITION_DIGEST))
                        ? Uni.createFrom().item(latest)
                        : calls.call(operation, () -> ecs.registerTaskDefinition(
                                        TaskDefinitions.request(request, settings)))
                                .map(made -> new TaskDefinition(made.taskDefinition().taskDefinitionArn(),
                                        made.taskDefinition().family(), made.taskDefinition().revision(),
                                        tags(made.tags()))));
    }

    @Override
    public Uni<TaskDefinition> describeTaskDefinition(String taskDefinitionArn) {
        return describe(CloudOperation.DESCRIBE_TASK_DEFINITION, taskDefinitionArn);
    }

    /** ECS answers ClientException for an unknown family or revision; that is "not found" here. */
    private Uni<TaskDefinition> describe(CloudOperation operation, String taskDefinition) {
        return calls.call(operation, () -> ecs.describeTaskDefinition(describe -> describe
                        .taskDefinition(taskDefinition)
                        .include(TaskDefinitionField.TAGS)))
                .map(answer -> new TaskDefinition(answer.taskDefinition().taskDefinitionArn(),
                        answer.taskDefinition().family(), answer.taskDefinition().revision(), tags(answer.tags())))
                .onFailure(unknownTaskDefinition()).transform(AwsCalls::asNotFound);
    }

    @Override
    public Uni<Void> deregisterTaskDefinition(String taskDefinitionArn) {
        return calls.call(CloudOperation.DEREGISTER_TASK_DEFINITION, () -> ecs.deregisterTaskDefinition(
                        deregister -> deregister.taskDefinition(taskDefinitionArn)))
                .onFailure(unknownTaskDefinition()).transform(AwsCalls::asNotFound)
                .replaceWithVoid();
    }

    private static Predicate<Throwable> unknownTaskDefinition() {
        return code("ClientException").and(f -> {
            String message = ((ProviderException) f).providerMessage();
            return message != null && (message.contains("does not exist") || message.contains("Unable to describe"));
        });
    }

    @Override
    public Uni<Service> createService(CreateService request) {
        CloudOperation operation = CloudOperation.CREATE_SERVICE;
        return findService(operation, request.cluster(), request.serviceName())
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : calls.call(operation, () -> ecs.createService(create -> {
                                    create.cluster(request.cluster())
                                            .serviceName(request.serviceName())
                                            .taskDefinition(request.taskDefinitionArn())
                                            .desiredCount(request.desiredCount())
                                            .networkConfiguration(network -> network.awsvpcConfiguration(vpc -> vpc
                                                    .subnets(request.subnetIds())
                                                    .securityGroups(request.securityGroupIds())
                                                    .assignPublicIp(AssignPublicIp.DISABLED)))
                                            .clientToken(clientToken(request))
                                            .enableECSManagedTags(true)
                                            // Shell access (ssh-access) opens ECS Exec sessions in its tasks.
                                            .enableExecuteCommand(true)
                                            .propagateTags(PropagateTags.SERVICE)
                                            .tags(AwsTags.of(request.tags(), (key, value) ->
                                                    software.amazon.awssdk.services.ecs.model.Tag.builder()
                                                            .key(key).value(value).build()));
                                    AwsCapacity.onCreate(create, request.capacityProviderStrategy());
                                    if (request.loadBalancer() != null) {
                                        create.loadBalancers(balancer -> balancer
                                                .targetGroupArn(request.loadBalancer().targetGroupArn())
                                                .containerName(request.loadBalancer().containerName())
                                                .containerPort(request.loadBalancer().containerPort()));
                                    }
                                }))
                                .map(made -> new Service(made.service().serviceArn(), made.service().serviceName(),
                                        made.service().clusterArn())));
    }

    /** The same service name in the same cluster always sends the same token, so ECS answers a repeat with it. */
    private static String clientToken(CreateService request) {
        String environment = request.tags().get(ResourceTags.ENVIRONMENT_ID);
        String token = environment != null ? environment : request.serviceName();
        return token.length() <= CLIENT_TOKEN_MAX ? token : token.substring(0, CLIENT_TOKEN_MAX);
    }

    /** An active service of that name; a draining or inactive one is not found (ECS lets a new one take the name). */
    private Uni<Optional<Service>> findService(CloudOperation operation, String cluster, String service) {
        return calls.call(operation, () -> ecs.describeServices(describe -> describe.cluster(cluster).services(service)))
                .map(answer -> answer.services().stream()
                        .filter(found -> "ACTIVE".equals(found.status()))
                        .findFirst()
                        .map(found -> new Service(found.serviceArn(), found.serviceName(), found.clusterArn())));
    }

    @Override
    public Uni<Void> updateService(UpdateService request) {
        return calls.call(CloudOperation.UPDATE_SERVICE, () -> ecs.updateService(update -> {
                    update.cluster(request.cluster())
                            .service(request.serviceArn())
                            .taskDefinition(request.taskDefinitionArn())
                            .desiredCount(request.desiredCount())
                            .forceNewDeployment(request.forceNewDeployment());
                    AwsCapacity.onUpdate(update, request.capacityProviderStrategy());
                    if (request.securityGroupIds() != null) {
                        update.networkConfiguration(network -> network.awsvpcConfiguration(vpc -> vpc
                                .subnets(request.subnetIds())
                                .securityGroups(request.securityGroupIds())
                                .assignPublicIp(AssignPublicIp.DISABLED)));
                    }
                }))
                .onFailure(code("ServiceNotActiveException")).transform(AwsCalls::asNotFound)
                .replaceWithVoid();
    }

    /**
     * ECS takes {@link #DESCRIBE_SERVICES_AT_MOST} services a call: the ARNs go in calls of that many, all at once. With
     * more than one call, a call that fails leaves only its own services unreported.
     */
    @Override
    public Uni<Map<String, ServiceState>> describeServices(String cluster, List<String> serviceArns) {
        if (serviceArns.size() <= DESCRIBE_SERVICES_AT_MOST) {
            return describeAtMostTen(cluster, serviceArns);
        }
        List<Uni<Map<String, ServiceState>>> batches = new ArrayList<>();
        for (int from = 0; from < serviceArns.size(); from += DESCRIBE_SERVICES_AT_MOST) {
            List<String> batch = List.copyOf(serviceArns.subList(from,
                    Math.min(serviceArns.size(), from + DESCRIBE_SERVICES_AT_MOST)));
            batches.add(describeAtMostTen(cluster, batch)
                    .onFailure().invoke(e -> LOG.debugf("services %s did not report their counts: %s", batch,
                            e.getMessage()))
                    .onFailure().recoverWithItem(Map.of()));
        }
        return Uni.join().all(batches).andFailFast()
                .map(answers -> {
                    Map<String, ServiceState> states = new HashMap<>();
                    answers.forEach(states::putAll);
                    return states;
                });
    }

    private Uni<Map<String, ServiceState>> describeAtMostTen(String cluster, List<String> serviceArns) {
        return calls.call(CloudOperation.DESCRIBE_SERVICES, () -> ecs.describeServices(describe -> describe
                        .cluster(cluster)
                        .services(serviceArns)))
                .map(answer -> {
                    Map<String, ServiceState> states = new HashMap<>();
                    answer.services().stream()
                            .filter(service -> !"INACTIVE".equals(service.status()))
                            .forEach(service -> states.put(service.serviceArn(), state(service)));
                    return states;
                });
    }

    private static ServiceState state(software.amazon.awssdk.services.ecs.model.Service service) {
        return new ServiceState(service.runningCount(), service.desiredCount(), service.deployments().size() > 1
                || service.deployments().stream().anyMatch(deployment -> "IN_PROGRESS".equals(deployment.rolloutStateAsString())));
    }

    /**
     * Scales the service to 0, deletes it, and waits until it is {@code INACTIVE}: ECS keeps it {@code DRAINING} until
     * its tasks have stopped, and until then their network interfaces hold the security group and the load balancer
     * still routes to them. The wait is bounded by paddock.aws.dependency-budget. An inactive service counts as
     * deleted.
     */
    @Override
    public Uni<Void> deleteService(String cluster, String serviceArn) {
        CloudOperation operation = CloudOperation.DELETE_SERVICE;
        return calls.call(operation, () -> ecs.updateService(update -> update
                        .cluster(cluster)
                        .service(serviceArn)
                        .desiredCount(0)))
                .chain(() -> calls.call(operation, () -> ecs.deleteService(delete -> delete
                        .cluster(cluster)
                        .service(serviceArn)
                        .force(true))))
                .onFailure(code("ServiceNotActiveException", "ServiceNotFoundException")).transform(AwsCalls::asNotFound)
                .chain(() -> calls.until(operation, settings.dependencyBudget(),
                        () -> calls.call(operation, () -> ecs.describeServices(describe -> describe
                                        .cluster(cluster)
                                        .services(serviceArn)))
                                .map(answer -> answer.services().stream()
                                        .noneMatch(service -> !"INACTIVE".equals(service.status()))),
                        inactive -> inactive, "service " + serviceArn + " to stop its tasks and become INACTIVE",
                        "paddock.aws.dependency-budget"))
                .replaceWithVoid();
    }

    @Override
    public Uni<ScalableTarget> registerScalableTarget(RegisterScalableTarget request) {
        return calls.call(CloudOperation.REGISTER_SCALABLE_TARGET,
                        () -> autoScaling.registerScalableTarget(register -> register
                                .serviceNamespace(ServiceNamespace.ECS)
                                .resourceId(request.resourceId())
                                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                                .minCapacity(request.minCapacity())
                                .maxCapacity(request.maxCapacity())
                                .tags(request.tags())))
                .map(made -> new ScalableTarget(made.scalableTargetARN(), request.resourceId(), request.minCapacity(),
                        request.maxCapacity()));
    }

    @Override
    public Uni<Void> deregisterScalableTarget(String resourceId) {
        return calls.call(CloudOperation.DEREGISTER_SCALABLE_TARGET,
                        () -> autoScaling.deregisterScalableTarget(deregister -> deregister
                                .serviceNamespace(ServiceNamespace.ECS)
                                .resourceId(resourceId)
                                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> suspendScaling(String resourceId, boolean suspended) {
        return calls.call(CloudOperation.REGISTER_SCALABLE_TARGET,
                        () -> autoScaling.registerScalableTarget(register -> register
                                .serviceNamespace(ServiceNamespace.ECS)
                                .resourceId(resourceId)
                                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                                .suspendedState(state -> state
                                        .dynamicScalingInSuspended(suspended)
                                        .dynamicScalingOutSuspended(suspended)
                                        .scheduledScalingSuspended(suspended))))
                .replaceWithVoid();
    }

    /** An existing group of that name is the one an earlier attempt made. */
    @Override
    public Uni<LogGroup> createLogGroup(CreateLogGroup request) {
        CloudOperation operation = CloudOperation.CREATE_LOG_GROUP;
        return calls.call(operation, () -> logs.createLogGroup(
                        create -> create.logGroupName(request.logGroupName()).tags(request.tags())))
                .replaceWithVoid()
                .onFailure(code("ResourceAlreadyExistsException")).recoverWithNull()
                .chain(() -> calls.call(operation,
                        () -> logs.putRetentionPolicy(retention -> retention
                                .logGroupName(request.logGroupName())
                                .retentionInDays(settings.logRetentionDays()))))
                .replaceWith(new LogGroup(request.logGroupName()));
    }

    @Override
    public Uni<Void> deleteLogGroup(String logGroupName) {
        return calls.call(CloudOperation.DELETE_LOG_GROUP,
                        () -> logs.deleteLogGroup(delete -> delete.logGroupName(logGroupName)))
                .replaceWithVoid();
    }

    /** The store starts as an empty JSON object; its values are set outside Paddock. */
    @Override
    public Uni<Secret> createSecret(CreateSecret request) {
        CloudOperation operation = CloudOperation.CREATE_SECRET;
        return findSecret(operation, request.name())
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : calls.call(operation, () -> secrets.createSecret(create -> create
                                        .name(request.name())
                                        .clientRequestToken(request.clientToken())
                                        .description("Paddock app-secrets store")
                                        .secretString("{}")
                                        .tags(AwsTags.of(request.tags(), (key, value) ->
                                                software.amazon.awssdk.services.secretsmanager.model.Tag.builder()
                                                        .key(key).value(value).build()))))
                                .map(made -> new Secret(made.arn(), made.name()))
                                .onFailure(code("ResourceExistsException")).recoverWithUni(() -> findSecret(
                                        operation, request.name()).map(Optional::orElseThrow)));
    }

    private Uni<Optional<Secret>> findSecret(CloudOperation operation, String name) {
        return calls.call(operation, () -> secrets.describeSecret(describe -> describe.secretId(name)))
                .map(answer -> answer.deletedDate() == null
                        ? Optional.of(new Secret(answer.arn(), answer.name()))
                        : Optional.<Secret>empty())
                .onFailure(code("ResourceNotFoundException")).recoverWithItem(Optional.empty());
    }

    /** Without a recovery window: the name must be free again at once for a re-created environment. */
    @Override
    public Uni<Void> deleteSecret(String secretArn) {
        return calls.call(CloudOperation.DELETE_SECRET, () -> secrets.deleteSecret(delete -> delete
                        .secretId(secretArn)
                        .forceDeleteWithoutRecovery(true)))
                .replaceWithVoid();
    }

    private static Map<String, String> tags(java.util.List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
        Map<String, String> result = new HashMap<>();
        for (var tag : tags) {
            result.put(tag.key(), tag.value());
        }
        return Map.copyOf(result);
    }
}
