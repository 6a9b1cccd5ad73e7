package io.paddock.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one body of every non-2xx response. Written as a {@code Response} entity and by the router's own
 * handlers, outside any resource signature, so registered for reflection for the native image.
 * <p>
 * On Quant paths it also carries {@code errors}, the shape Quant's contract gives its error answers
 * ({@code message} and {@code errors}: each field's messages), so Quant's own clients decode it; the catalog's
 * answers keep Unleash's shape without it.
 */
@RegisterForReflection
@Schema(name = "Error", description = "The body of every error response.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        @Schema(description = "A fresh id for this error; the server log line for it carries the same id.",
                examples = "9c40958a-daac-400e-98fb-3bb438567008") String id,
        @Schema(description = "The kind of error", examples = "ValidationError") String name,
        @Schema(description = "What went wrong and what to send instead") String message,
        @Schema(description = "One entry per problem found") List<Detail> details,
        @Schema(description = "Only on the application environments' paths (/api/v3/...), as Quant's contract declares "
                + "it: the details grouped by path, each path (a JSON pointer, or a parameter's name) with its "
                + "messages; {} when the error concerns no field")
        Map<String, List<String>> errors) {

    /** The body with Quant's {@code errors} beside the details. */
    public ApiError withErrors() {
        Map<String, List<String>> byPath = new LinkedHashMap<>();
        for (Detail detail : details) {
            byPath.computeIfAbsent(detail.path(), path -> new java.util.ArrayList<>()).add(detail.message());
        }
        return new ApiError(id, name, message, details, byPath);
    }

    /** One problem with the request. */
    @Schema(name = "ErrorDetail")
    public record Detail(
            @Schema(description = "JSON pointer into the request body (\"\" is the whole body), or the name of the offending parameter",
                    examples = "/composeDefinition/containers/0/name") String path,
            @Schema(description = "What is wrong with it and what to send instead") String message) {
    }
}
