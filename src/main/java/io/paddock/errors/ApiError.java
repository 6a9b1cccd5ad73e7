package io.paddock.errors;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one body of every non-2xx response. Written as a {@code Response} entity and by the router's own
 * handlers, outside any resource signature, so registered for reflection for the native image.
 */
@RegisterForReflection
@Schema(name = "Error", description = "The body of every error response.")
public record ApiError(
        @Schema(description = "A fresh id for this error; the server log line for it carries the same id.",
                examples = "9c40958a-daac-400e-98fb-3bb438567008") String id,
        @Schema(description = "The kind of error", examples = "ValidationError") String name,
        @Schema(description = "What went wrong and what to send instead") String message,
        @Schema(description = "One entry per problem found") List<Detail> details) {

    /** One problem with the request. */
    @Schema(name = "ErrorDetail")
    public record Detail(
            @Schema(description = "JSON pointer into the request body (\"\" is the whole body), or the name of the offending parameter",
                    examples = "/composeDefinition/containers/0/name") String path,
            @Schema(description = "What is wrong with it and what to send instead") String message) {
    }
}
