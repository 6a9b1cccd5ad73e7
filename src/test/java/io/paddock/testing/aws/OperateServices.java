package io.paddock.testing.aws;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The calls that read and operate a running environment, beside the services {@link JsonServices} speaks: CloudWatch
 * Logs' FilterLogEvents, ECS's RunTask and a service's ListTasks, ECR's GetAuthorizationToken (JSON 1.1); CloudWatch's
 * GetMetricData and STS's AssumeRole (query protocol, XML).
 */
final class OperateServices {

    final Logs logs;
    final RunTasks runTasks;
    final CloudWatch cloudWatch = new CloudWatch();
    final Ecr ecr = new Ecr();
    final Sts sts = new Sts();

    /** The query-protocol operations, throttled with their services' code, Throttling. */
    static final Set<String> QUERY_OPERATIONS = Set.of("GetMetricData", "AssumeRole");

    /** The service of an {@code X-Amz-Target} these services answer and {@link JsonServices} does not know. */
    Optional<String> service(String target) {
        return target.startsWith(Ecr.TARGET_PREFIX + ".") ? Optional.of("ecr") : Optional.empty();
    }

    OperateServices(AwsDouble aws) {
        this.logs = new Logs(aws);
        this.runTasks = new RunTasks(aws);
    }

    /** Whether a query-protocol request of this API version is one of these services'. */
    boolean speaks(String version) {
        return version.equals(CloudWatch.VERSION) || version.equals(Sts.VERSION);
    }

    String queryService(String version) {
        return version.equals(Sts.VERSION) ? "sts" : "monitoring";
    }

    String query(String version, String operation, Map<String, String> params) {
        return version.equals(Sts.VERSION) ? sts.handle(operation, params) : cloudWatch.handle(operation, params);
    }

    boolean handles(String service, String operation, JsonNode request) {
        return switch (service + " " + operation) {
            case "logs FilterLogEvents", "ecs RunTask", "ecr GetAuthorizationToken" -> true;
            case "ecs ListTasks" -> request.hasNonNull("serviceName");
            default -> false;
        };
    }

    JsonNode handle(String service, String operation, JsonNode request) {
        return switch (service + " " + operation) {
            case "logs FilterLogEvents" -> logs.filterLogEvents(request);
            case "ecs RunTask" -> runTasks.runTask(request);
            case "ecs ListTasks" -> runTasks.listServiceTasks(request);
            case "ecr GetAuthorizationToken" -> ecr.getAuthorizationToken(request);
            default -> throw new AwsDouble.AwsError(400, "UnknownOperationException", service + " " + operation);
        };
    }
}
