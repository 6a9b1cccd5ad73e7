package io.paddock.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What every operation of the OpenAPI document shares, declared here once instead of beside each route:
 * <ul>
 * <li>every error response (4xx, 5xx) has the one error body, the {@code Error} schema of
 * {@link io.paddock.errors.ApiError}; a route's own {@code @APIResponse} says only what the status means for it;</li>
 * <li>the responses every route can give: 401 (every route authenticates, see {@code auth.AccessFilters}),
 * 500 and 503 (every route uses PostgreSQL); a route that says more about one of them keeps its own;</li>
 * <li>the {@code Idempotency-Key} header of every route marked {@link Idempotent}.</li>
 * </ul>
 * An OASFilter sees the OpenAPI model, not the Java annotations it was read from. This one runs when the
 * document is built, at build time, and is given the application's Jandex index: it finds the
 * {@code @Idempotent} routes there, by the very annotation that binds {@link IdempotencyFilters}, so the document
 * cannot promise the header on a route that does not honour it, nor leave it off one that does. Routes are
 * matched by their {@code operationId}; an {@code @Idempotent} route without one fails the build.
 * <p>
 * 403 is not added here: whether a route refuses a token depends on its access rule, which {@code auth} (above
 * this package) declares; each resource documents its 403 beside that rule.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiStandards implements OASFilter {

    private static final String ERROR_SCHEMA = "Error";
    private static final String IDEMPOTENCY_KEY_DESCRIPTION = "Makes retries safe: a repeat of the same request with the same key "
            + "replays the first response (422 when the key was used for another request, 409 while the first is still running)";
    private static final Map<String, String> EVERY_ROUTE = everyRoute();

    private static final DotName IDEMPOTENT = DotName.createSimple(Idempotent.class);
    private static final Set<DotName> HTTP_METHODS = Set.of(DotName.createSimple(GET.class), DotName.createSimple(POST.class),
            DotName.createSimple(PUT.class), DotName.createSimple(PATCH.class), DotName.createSimple(DELETE.class));

    private final Set<String> idempotentOperations;

    public OpenApiStandards(IndexView index) {
        this.idempotentOperations = idempotentOperations(index);
    }

    private static Map<String, String> everyRoute() {
        Map<String, String> responses = new LinkedHashMap<>();
        responses.put("401", "AuthenticationRequired: the request has no Authorization header; UnauthorizedError: its "
                + "token is unknown or revoked");
        responses.put("500", "InternalError: a failure of Paddock's own");
        responses.put("503", "ServiceUnavailable: PostgreSQL is unreachable");
        return responses;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey(ERROR_SCHEMA)) {
            throw new IllegalStateException("The OpenAPI document has no " + ERROR_SCHEMA + " schema for its error "
                    + "responses to refer to; io.paddock.errors.ApiError declares it with @Schema(name = \"Error\")");
        }
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        EVERY_ROUTE.forEach((status, description) -> {
            if (!operation.getResponses().hasAPIResponse(status)) {
                operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description));
            }
        });
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (isError(status) && (response.getContent() == null || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(errorBody());
            }
        });
        if (operation.getOperationId() != null && idempotentOperations.contains(operation.getOperationId())) {
            operation.addParameter(idempotencyKey());
        }
        return operation;
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static org.eclipse.microprofile.openapi.models.media.Content errorBody() {
        return OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA)));
    }

    private static Parameter idempotencyKey() {
        return OASFactory.createParameter()
                .name(IdempotencyFilters.HEADER)
                .in(Parameter.In.HEADER)
                .required(false)
                .description(IDEMPOTENCY_KEY_DESCRIPTION)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(255));
    }

    /** The operationIds of the resource methods marked {@link Idempotent}, or in a class marked so. */
    private static Set<String> idempotentOperations(IndexView index) {
        Set<String> operations = new TreeSet<>();
        for (AnnotationInstance idempotent : index.getAnnotations(IDEMPOTENT)) {
            List<MethodInfo> methods = switch (idempotent.target().kind()) {
                case METHOD -> List.of(idempotent.target().asMethod());
                case CLASS -> idempotent.target().asClass().methods();
                default -> List.of();
            };
            methods.stream()
                    .filter(OpenApiStandards::isResourceMethod)
                    .map(OpenApiStandards::operationId)
                    .forEach(operations::add);
        }
        return operations;
    }

    private static boolean isResourceMethod(MethodInfo method) {
        return HTTP_METHODS.stream().anyMatch(method::hasDeclaredAnnotation);
    }

    /** A resource method is named for its operation: quarkus.smallrye-openapi.operation-id-strategy=method. */
    private static String operationId(MethodInfo method) {
        return method.name();
    }
}
