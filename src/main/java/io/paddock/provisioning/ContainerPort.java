package io.paddock.provisioning;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * What runs an environment's containers: the ECS task definition and service, and the Application Auto
 * Scaling target that holds the service between its minimum and maximum capacity. One method per provider
 * operation. Each returned {@link Uni} completes on any thread and fails with {@link ProviderException}.
 */
public interface ContainerPort {

    /** ECS RegisterTaskDefinition: a new revision of the family (Fargate, awsvpc). */
    Uni<TaskDefinition> registerTaskDefinition(RegisterTaskDefinition request);

    /** ECS DescribeTaskDefinition, with its tags. */
    Uni<TaskDefinition> describeTaskDefinition(String taskDefinitionArn);

    /** ECS DeregisterTaskDefinition. */
    Uni<Void> deregisterTaskDefinition(String taskDefinitionArn);

    /**
     * ECS CreateService (Fargate) in the cluster, registered with the target group when there is one: with launch type
     * FARGATE when {@code capacityProviderStrategy} is empty, else with that capacity provider strategy.
     */
    Uni<Service> createService(CreateService request);

    /**
     * ECS UpdateService: a new revision, a new desired count, a capacity provider strategy (empty: back to launch type
     * FARGATE), or a forced new deployment (null fields stay).
     */
    Uni<Void> updateService(UpdateService request);

    /** How many services one ECS DescribeServices call takes (the aws adapter splits longer lists). */
    int DESCRIBE_SERVICES_AT_MOST = 10;

    /** ECS DescribeServices for one service: a batch of one, failing when the service is gone. */
    default Uni<ServiceState> describeServices(String cluster, String serviceArn) {
        return describeServices(cluster, List.of(serviceArn))
                .map(states -> {
                    ServiceState state = states.get(serviceArn);
                    if (state == null) {
                        throw ProviderException.notFound(CloudOperation.DESCRIBE_SERVICES, "ServiceNotFoundException",
                                "Service not found: " + serviceArn);
                    }
                    return state;
                });
    }

    /**
     * ECS DescribeServices for any number of services of one cluster: the counts of those that exist and are not
     * inactive, by service ARN. The adapter asks in as few calls as its provider allows, all at once (ECS:
     * {@link #DESCRIBE_SERVICES_AT_MOST} a call; the local cloud: one).
     */
    Uni<Map<String, ServiceState>> describeServices(String cluster, List<String> serviceArns);

    /** ECS DeleteService, forced: running tasks are stopped. */
    Uni<Void> deleteService(String cluster, String serviceArn);

    /**
     * Application Auto Scaling RegisterScalableTarget for the service's desired count; registering an existing
     * target again updates its capacity and returns the same ARN.
     */
    Uni<ScalableTarget> registerScalableTarget(RegisterScalableTarget request);

    /** Application Auto Scaling DeregisterScalableTarget. */
    Uni<Void> deregisterScalableTarget(String resourceId);

    /**
     * Application Auto Scaling RegisterScalableTarget of an existing target with only its SuspendedState: dynamic
     * and scheduled scaling suspended (or resumed), capacity left as it is.
     */
    Uni<Void> suspendScaling(String resourceId, boolean suspended);

    /** CloudWatch Logs CreateLogGroup: where the environment's containers log (the awslogs driver). */
    Uni<LogGroup> createLogGroup(CreateLogGroup request);

    /** CloudWatch Logs DeleteLogGroup. */
    Uni<Void> deleteLogGroup(String logGroupName);

    /**
     * Secrets Manager CreateSecret: the environment's {@code app-secrets} store, a JSON object whose keys the
     * containers' secrets name. It starts empty; its values are set outside Paddock.
     */
    Uni<Secret> createSecret(CreateSecret request);

    /** Secrets Manager DeleteSecret, without a recovery window (a re-created environment reuses no secret). */
    Uni<Void> deleteSecret(String secretArn);

    /**
     * One task volume: an EFS access point mounted under the workload's volume name. Part of the JSON the
     * task definition's digest is computed from, so registered for reflection for the native image.
     */
    @RegisterForReflection
    record TaskVolume(String name, String fileSystemId, String accessPointId) {
    }

    /**
     * {@code logGroup} is the environment's log group; {@code secretArn} its app-secrets store, null when no
     * container declares secrets.
     */
    record RegisterTaskDefinition(String family, Workload workload, List<TaskVolume> volumes, String logGroup,
            String secretArn, Map<String, String> tags) {
    }

    record TaskDefinition(String taskDefinitionArn, String family, int revision, Map<String, String> tags) {
    }

    record LoadBalancer(String targetGroupArn, String containerName, int containerPort) {
    }

    record CreateService(String cluster, String serviceName, String taskDefinitionArn, int desiredCount,
            List<String> subnetIds, List<String> securityGroupIds, LoadBalancer loadBalancer,
            List<CapacityShare> capacityProviderStrategy, Map<String, String> tags) {
    }

    /** One item of an ECS capacity provider strategy: FARGATE or FARGATE_SPOT, its relative weight and base. */
    @RegisterForReflection
    record CapacityShare(String capacityProvider, int weight, int base) {
    }

    record Service(String serviceArn, String serviceName, String clusterArn) {
    }

    /**
     * {@code capacityProviderStrategy} null leaves the service's as it is; {@code securityGroupIds} null leaves its
     * network configuration as it is (else the tasks run in {@code subnetIds} with these groups).
     */
    record UpdateService(String cluster, String serviceArn, String taskDefinitionArn, Integer desiredCount,
            boolean forceNewDeployment, List<CapacityShare> capacityProviderStrategy, List<String> subnetIds,
            List<String> securityGroupIds) {

        public UpdateService(String cluster, String serviceArn, String taskDefinitionArn, Integer desiredCount,
                boolean forceNewDeployment) {
            this(cluster, serviceArn, taskDefinitionArn, desiredCount, forceNewDeployment, null, null, null);
        }
    }

    /** {@code resourceId} is Application Auto Scaling's {@code service/<cluster>/<service name>}. */
    record RegisterScalableTarget(String resourceId, int minCapacity, int maxCapacity, Map<String, String> tags) {
    }

    record ScalableTarget(String scalableTargetArn, String resourceId, int minCapacity, int maxCapacity) {
    }

    record CreateLogGroup(String logGroupName, Map<String, String> tags) {
    }

    record LogGroup(String logGroupName) {
    }

    /** {@code clientToken} makes a repeated call return the secret the first one made. */
    record CreateSecret(String name, String clientToken, Map<String, String> tags) {
    }

    record Secret(String secretArn, String name) {
    }
}
