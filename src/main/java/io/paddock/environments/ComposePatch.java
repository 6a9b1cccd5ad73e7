package io.paddock.environments;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.environments.Compose.Container;
import io.paddock.environments.Compose.SpotConfiguration;
import io.paddock.environments.EnvironmentDtos.UpdateEnvironmentRequest;
import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.ApiException;
import io.paddock.web.ValidatedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * {@code PATCH .../environments/{environment}/compose}: the top-level fields of the stored compose that the request
 * sends replace the stored ones (a {@code containers} array replaces every container); a field left out, or sent as
 * null, stays as it is. The merged compose is then an update like {@code PUT} ({@link EnvironmentService#update}): the
 * same validation (first on the stored row, then under the row lock, so a concurrent change is never lost), the same
 * roll-out and rollback.
 */
@ApplicationScoped
public class ComposePatch {

    @Inject EnvironmentService environments;
    @Inject StoredJson json;

    /** Answers the whole compose being rolled out, once the environment is UPDATING. */
    public Uni<Answer> patch(EnvironmentKey key, Request patch) {
        return environments.update(key, OperationType.COMPOSE,
                        env -> new UpdateEnvironmentRequest(apply(json.compose(env.compose), patch), null, null))
                .map(Answer::of);
    }

    @RegisterForReflection
    @Schema(name = "patchEnvironmentCompose_request", description = "Partial compose definition updates. All fields are "
            + "optional; a field left out or null stays as it is. containers, when sent, replaces every container.")
    public record Request(
            @Schema(enumeration = { "X86_64", "ARM64" }, nullable = true)
            @Pattern(regexp = "X86_64|ARM64", message = "must be X86_64 or ARM64") String architecture,
            @Schema(description = "Task-level CPU units, as a string (\"512\") or a number", nullable = true,
                    implementation = String.class)
            JsonNode taskCpu,
            @Schema(description = "Task-level memory in MiB, as a string (\"1024\") or a number", nullable = true,
                    implementation = String.class)
            JsonNode taskMemory,
            @Schema(minimum = "0", nullable = true) Integer minCapacity,
            @Schema(minimum = "1", nullable = true) Integer maxCapacity,
            @Schema(description = "Replaces every container of the compose", nullable = true)
            List<@Valid @NotNull(message = "must be a container object, not null") Container> containers,
            @Valid SpotConfiguration spotConfiguration,
            @Schema(nullable = true) Boolean enableCrossEnvNetworking,
            @Schema(nullable = true) Boolean enableCrossAppNetworking) implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            List<Detail> problems = new ArrayList<>();
            units(taskCpu, "/taskCpu", problems);
            units(taskMemory, "/taskMemory", problems);
            ComposeValidator.checkCapacity(minCapacity, maxCapacity, "", problems);
            return problems;
        }
    }

    /** The answer: the whole compose after the patch, task size as strings, as Quant's contract writes it. */
    @RegisterForReflection
    @Schema(name = "patchEnvironmentCompose_202_response")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(
            String architecture,
            String taskCpu,
            String taskMemory,
            Integer minCapacity,
            Integer maxCapacity,
            List<Container> containers,
            SpotConfiguration spotConfiguration,
            boolean enableCrossEnvNetworking,
            boolean enableCrossAppNetworking,
            @Schema(description = "Paddock's own: the IAM role the task's containers assume") String taskRoleArn) {

        static Answer of(Compose compose) {
            return new Answer(compose.architecture(), text(compose.taskCpu()), text(compose.taskMemory()),
                    compose.minCapacity(), compose.maxCapacity(), compose.containers(), compose.spotConfiguration(),
                    Boolean.TRUE.equals(compose.enableCrossEnvNetworking()),
                    Boolean.TRUE.equals(compose.enableCrossAppNetworking()), compose.taskRoleArn());
        }

        private static String text(Integer value) {
            return value == null ? null : value.toString();
        }
    }

    /**
     * The stored compose with the patch applied, validated as an update's compose is; a 400 naming the request's
     * fields when it is not valid.
     */
    static Compose apply(Compose stored, Request patch) {
        List<Container> containers = patch.containers() != null ? patch.containers() : stored.containers();
        Compose merged = new Compose(containers,
                patch.architecture() != null ? patch.architecture() : stored.architecture(),
                patch.taskCpu() != null && !patch.taskCpu().isNull() ? units(patch.taskCpu()) : stored.taskCpu(),
                patch.taskMemory() != null && !patch.taskMemory().isNull() ? units(patch.taskMemory()) : stored.taskMemory(),
                stored.taskRoleArn(),
                patch.minCapacity() != null ? patch.minCapacity() : stored.minCapacity(),
                patch.maxCapacity() != null ? patch.maxCapacity() : stored.maxCapacity(),
                patch.spotConfiguration() != null ? patch.spotConfiguration() : stored.spotConfiguration(),
                patch.enableCrossEnvNetworking() != null ? patch.enableCrossEnvNetworking() : stored.enableCrossEnvNetworking(),
                patch.enableCrossAppNetworking() != null ? patch.enableCrossAppNetworking() : stored.enableCrossAppNetworking())
                .withDefaults();
        List<Detail> problems = ComposeValidator.problems(merged, "");
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return merged;
    }

    private static void units(JsonNode value, String pointer, List<Detail> problems) {
        if (value == null || value.isNull()) {
            return;
        }
        boolean number = value.isIntegralNumber() && value.canConvertToInt() && value.intValue() > 0;
        boolean text = value.isTextual() && value.asText().matches("^[1-9][0-9]{0,8}$");
        if (!number && !text) {
            problems.add(new Detail(pointer, "must be a positive whole number, as a string (e.g. \"512\") or a number"));
        }
    }

    private static Integer units(JsonNode value) {
        return value.isTextual() ? Integer.valueOf(value.asText()) : value.intValue();
    }
}
