package io.paddock.cron;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.errors.ApiError.Detail;
import io.paddock.web.ValidatedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.paddock.provisioning.ScheduleExpressions;

/**
 * Request and response bodies of the cron jobs API (Quant Cloud v3 dialect). Registered for reflection with
 * every nested record: some are {@code Response} entities, which the native image does not find in the resource
 * signatures.
 */
@RegisterForReflection
public final class CronDtos {

    public static final String NAME = "^[a-zA-Z0-9_-]{1,64}$";
    static final String NAME_MESSAGE = "must be 1-64 letters, digits, _ or -";
    static final String CONTAINER = "^[a-zA-Z0-9_-]{1,255}$";
    static final String CONTAINER_MESSAGE = "must name a container of the environment: 1-255 letters, digits, _ or -";
    static final String EXPRESSION_DESCRIPTION = "EventBridge Scheduler syntax, in UTC: cron(minutes hours day-of-month "
            + "month day-of-week year), e.g. cron(0 3 * * ? *), or rate(value unit), e.g. rate(15 minutes)";
    /** EventBridge Scheduler's limit on a schedule's description. */
    static final int DESCRIPTION_MAX = 512;
    static final int COMMAND_MAX_ITEMS = 100;
    /** Room for the command in the RunTask overrides Scheduler sends (ECS takes 8192 characters of overrides). */
    static final int COMMAND_MAX_CHARACTERS = 6000;

    private CronDtos() {
    }

    @Schema(name = "createCronJob_request")
    public record CreateCronJobRequest(
            @Schema(description = "Unique within the environment", pattern = NAME)
            @NotNull(message = "is required; send the job's name, e.g. \"nightly-report\"")
            @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @Schema(nullable = true, maxLength = DESCRIPTION_MAX)
            @Size(max = DESCRIPTION_MAX, message = "must be at most 512 characters") String description,
            @Schema(description = EXPRESSION_DESCRIPTION)
            @NotNull(message = "is required; send cron(...) or rate(...), e.g. cron(0 3 * * ? *)") String scheduleExpression,
            @Schema(description = "The command the container runs, as its arguments, e.g. [\"php\", \"artisan\", \"report\"]")
            @NotNull(message = "is required; send the command as an array of strings, e.g. [\"php\", \"artisan\", \"report\"]")
            List<String> command,
            @Schema(nullable = true, description = "The container that runs the command; default: the first essential container")
            @Pattern(regexp = CONTAINER, message = CONTAINER_MESSAGE) String targetContainerName,
            @Schema(nullable = true, defaultValue = "true")
            @JsonProperty("isEnabled") Boolean isEnabled) implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            return scheduleAndCommandProblems(scheduleExpression, command);
        }
    }

    @Schema(name = "updateCronJob_request", description = "A partial update: a property that is absent or null stays as it is.")
    public record UpdateCronJobRequest(
            @Schema(nullable = true, maxLength = DESCRIPTION_MAX)
            @Size(max = DESCRIPTION_MAX, message = "must be at most 512 characters") String description,
            @Schema(nullable = true, description = EXPRESSION_DESCRIPTION) String scheduleExpression,
            @Schema(nullable = true) List<String> command,
            @Schema(nullable = true)
            @Pattern(regexp = CONTAINER, message = CONTAINER_MESSAGE) String targetContainerName,
            @Schema(nullable = true)
            @JsonProperty("isEnabled") Boolean isEnabled) implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            return scheduleAndCommandProblems(scheduleExpression, command);
        }
    }

    /** The expression's and the command's problems; either may be null (absent, or reported by Bean Validation). */
    private static List<Detail> scheduleAndCommandProblems(String scheduleExpression, List<String> command) {
        List<Detail> problems = new ArrayList<>();
        if (scheduleExpression != null) {
            expressionProblems(scheduleExpression, problems);
        }
        if (command != null) {
            commandProblems(command, problems);
        }
        return problems;
    }

    private static void expressionProblems(String expression, List<Detail> problems) {
        for (String problem : ScheduleExpressions.problems(expression)) {
            problems.add(new Detail("/scheduleExpression", problem));
        }
    }

    private static void commandProblems(List<String> command, List<Detail> problems) {
        if (command.isEmpty()) {
            problems.add(new Detail("/command", "must not be empty; send the command as an array of strings, e.g. "
                    + "[\"php\", \"artisan\", \"report\"]"));
            return;
        }
        if (command.size() > COMMAND_MAX_ITEMS) {
            problems.add(new Detail("/command", "must have at most " + COMMAND_MAX_ITEMS + " items; you sent "
                    + command.size()));
            return;
        }
        int characters = 0;
        for (int i = 0; i < command.size(); i++) {
            String argument = command.get(i);
            if (argument == null) {
                problems.add(new Detail("/command/" + i, "must be a string, not null"));
            } else {
                characters += argument.length();
                if (i == 0 && argument.isBlank()) {
                    problems.add(new Detail("/command/0", "must name the program to run; it is blank"));
                }
            }
        }
        if (characters > COMMAND_MAX_CHARACTERS) {
            problems.add(new Detail("/command", "must be at most " + COMMAND_MAX_CHARACTERS
                    + " characters in all (ECS limits a task's overrides); you sent " + characters));
        }
    }

    @Schema(name = "CronJob", description = "A cron job: Quant's Cron, with when it was created and last changed")
    public record CronJobView(
            String name,
            @Schema(nullable = true) String description,
            @Schema(description = EXPRESSION_DESCRIPTION) String scheduleExpression,
            @Schema(description = "The command's arguments, as sent") List<String> command,
            @Schema(description = "The container that runs the command") String targetContainerName,
            @JsonProperty("isEnabled") boolean isEnabled,
            @Schema(format = "date-time") String createdAt,
            @Schema(format = "date-time") String updatedAt) {
    }

    @Schema(name = "CronRun", description = "One run of a cron job: an ECS task its schedule started")
    public record CronRunView(
            @Schema(description = "The ECS task id") String runId,
            @Schema(enumeration = { "EXEC", "CRON" }) String runType,
            @Schema(nullable = true, description = "The command's arguments joined with spaces") String command,
            @Schema(enumeration = { "PENDING", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "UNKNOWN" }) String status,
            @Schema(nullable = true, format = "date-time") String startTime,
            @Schema(nullable = true, format = "date-time") String endTime,
            @Schema(nullable = true, description = "The job container's exit code, once it has exited") Integer exitCode,
            @Schema(description = "What the run wrote: the local provider's simulated lines; empty with the aws "
                    + "provider, which does not read the task's logs yet") List<String> output,
            @Schema(nullable = true) String scheduleName,
            @Schema(nullable = true) String targetContainerName) {
    }
}
