package io.paddock.operate;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The bodies of the calls that read and operate a running environment, in Quant's 4.19 shapes. */
public final class OperateDtos {

    private OperateDtos() {
    }

    @Schema(name = "EnvironmentLogs", description = "A page of the environment's log events, oldest first")
    public record LogsView(
            List<LogEventView> logEvents,
            @Schema(description = "The token of the next page, for nextToken; null on the last page", nullable = true)
            @JsonInclude(JsonInclude.Include.ALWAYS) String nextToken) {
    }

    @Schema(name = "EnvironmentLogEvent")
    public record LogEventView(
            @Schema(description = "Unix timestamp in milliseconds") long timestamp,
            String message,
            @Schema(description = "Paddock's own: the log stream (<container>/<container>/<task id>)") String logStreamName) {
    }

    /** Longer commands do not fit ECS's container overrides (8 KiB for the whole request's overrides). */
    static final int COMMAND_MAX = 4096;

    @Schema(name = "createCommand_request")
    public record CreateCommandRequest(
            @Schema(description = "The command, run as /bin/sh -c <command> in the container", maxLength = COMMAND_MAX,
                    examples = "php artisan migrate --force")
            @NotBlank(message = "is required; send the command to run, e.g. \"php artisan migrate --force\"")
            @Size(max = COMMAND_MAX, message = "must be at most 4096 characters") String command,
            @Schema(nullable = true, description = "Paddock's own: the container that runs it; default: the first essential container")
            @Pattern(regexp = "^[a-zA-Z0-9_-]{1,255}$", message = "must be a container name: letters, digits, _ and -")
            String targetContainerName) {
    }

    @Schema(name = "Command", description = "A one-off command: the task that runs it and how it went")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CommandView(
            @Schema(description = "The command's id") String runId,
            @Schema(description = "Always COMMAND") String runType,
            String command,
            @Schema(enumeration = { "PENDING", "RUNNING", "SUCCEEDED", "FAILED" }) String status,
            @Schema(format = "date-time") String startTime,
            @Schema(format = "date-time") String endTime,
            @Schema(description = "The container's exit code once it has stopped") Integer exitCode,
            @Schema(description = "What the container wrote, line by line (not in a list's items)") List<String> output,
            String targetContainerName,
            @Schema(description = "Paddock's own: the ECS task") String taskArn,
            @Schema(description = "Paddock's own: why the task stopped") String stoppedReason,
            @Schema(description = "Paddock's own", format = "date-time") String createdAt) {
    }

    @Schema(name = "EnvironmentMetrics", description = "The environment's CloudWatch series over the time range")
    public record MetricsView(
            @Schema(description = "Unix timestamp in milliseconds") long startTime,
            @Schema(description = "Unix timestamp in milliseconds") long endTime,
            @Schema(description = "Seconds per datapoint") int period,
            List<MetricView> metrics) {
    }

    @Schema(name = "EnvironmentMetric", description = "One metric and statistic, its datapoints oldest first")
    public record MetricView(
            @Schema(examples = "cpu_average") String id,
            @Schema(examples = "AWS/ECS") String namespace,
            @Schema(examples = "CPUUtilization") String metricName,
            java.util.Map<String, String> dimensions,
            @Schema(enumeration = { "Average", "Maximum", "Minimum", "Sum", "SampleCount" }) String statistic,
            @Schema(examples = "Percent") String unit,
            List<Datapoint> datapoints) {
    }

    public record Datapoint(@Schema(description = "Unix timestamp in milliseconds: the period's start") long timestamp,
            double value) {
    }

    @Schema(name = "getEcrLoginCredentials_200_response", description = "A docker login for the image registry")
    public record RegistryLoginView(
            @Schema(examples = "AWS") String username,
            @Schema(description = "Secret: the password for docker login") String password,
            @Schema(description = "When the login stops working (RFC 3339)", format = "date-time") String expiresAt,
            @Schema(examples = "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com") String endpoint) {

        @Override
        public String toString() {
            return "RegistryLoginView[username=" + username + ", expiresAt=" + expiresAt + ", endpoint=" + endpoint + "]";
        }
    }

    @Schema(name = "getSshAccessCredentials_200_response", description = "Credentials for a shell in one running task")
    public record ShellAccessView(
            boolean success,
            ShellCredentialsView credentials,
            String clusterName,
            String taskArn,
            String taskId,
            List<String> containerNames,
            String region,
            @Schema(description = "Seconds until the credentials expire") long expiresIn,
            @Schema(description = "The organisation the credentials are for") String organizationScope) {
    }

    @Schema(name = "getSshAccessCredentials_200_response_credentials", description = "Secret: temporary AWS credentials")
    public record ShellCredentialsView(
            String accessKeyId,
            String secretAccessKey,
            String sessionToken,
            @Schema(format = "date-time") String expiration) {

        @Override
        public String toString() {
            return "ShellCredentialsView[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
        }
    }
}
