package io.paddock.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The calls that read and operate a running environment, beside the services {@link JsonServices} speaks: CloudWatch
 * Logs' FilterLogEvents and ECS's RunTask (JSON 1.1).
 */
final class OperateServices {

    final Logs logs;
    final RunTasks runTasks;

    OperateServices(AwsDouble aws) {
        this.logs = new Logs(aws);
        this.runTasks = new RunTasks(aws);
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
