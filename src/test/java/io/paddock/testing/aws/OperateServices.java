package io.paddock.testing.aws;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The calls that read and operate a running environment, beside the services {@link JsonServices} speaks: CloudWatch
 * Logs' FilterLogEvents and ECS's RunTask (JSON 1.1); CloudWatch's GetMetricData (query protocol, XML).
 */
final class OperateServices {

    final Logs logs;
    final RunTasks runTasks;
    final CloudWatch cloudWatch = new CloudWatch();

    /** The query-protocol operations, throttled with their services' code, Throttling. */
    static final Set<String> QUERY_OPERATIONS = Set.of("GetMetricData");

    OperateServices(AwsDouble aws) {
        this.logs = new Logs(aws);
        this.runTasks = new RunTasks(aws);
    }

    /** Whether a query-protocol request of this API version is one of these services'. */
    boolean speaks(String version) {
        return version.equals(CloudWatch.VERSION);
    }

    String queryService(String version) {
        return "monitoring";
    }

    String query(String version, String operation, Map<String, String> params) {
        return cloudWatch.handle(operation, params);
    }

    boolean handles(String service, String operation) {
        return switch (service + " " + operation) {
            case "logs FilterLogEvents", "ecs RunTask" -> true;
            default -> false;
        };
    }

    JsonNode handle(String service, String operation, JsonNode request) {
        return switch (service + " " + operation) {
            case "logs FilterLogEvents" -> logs.filterLogEvents(request);
            case "ecs RunTask" -> runTasks.runTask(request);
            default -> throw new AwsDouble.AwsError(400, "UnknownOperationException", service + " " + operation);
        };
    }
}
