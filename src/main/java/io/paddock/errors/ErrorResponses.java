package io.paddock.errors;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.paddock.errors.ApiError.Detail;

/**
 * Builds the one error body and writes the log line that carries its id. Every error leaves Paddock
 * through here, whether it comes from a resource, a filter or the HTTP router. The request's path decides
 * the dialect: on Quant's paths the body also carries Quant's {@code errors}.
 */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** The application environments' paths, in both spellings Quant's clients use. */
    private static final List<String> QUANT_PATHS = List.of("/api/v3/organizations/", "/api/v3/organisations/");

    public static ApiError body(int status, String name, String message, List<Detail> details, Throwable cause,
            String path) {
        String id = UUID.randomUUID().toString();
        if (status >= 500) {
            LOG.errorf(cause, "error %s: %d %s: %s", id, status, name, LogSafe.text(message));
        } else {
            LOG.infof("error %s: %d %s: %s%s", id, status, name, LogSafe.text(message), detailsForLog(details));
        }
        ApiError body = new ApiError(id, name, message, details, null);
        return isQuantPath(path) ? body.withErrors() : body;
    }

    public static Response response(int status, String name, String message, List<Detail> details, Throwable cause,
            String path) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status, name, message, details, cause, path))
                .build();
    }

    public static Response response(ApiException e, String path) {
        return response(e.status(), e.name(), e.getMessage(), e.details(), e, path);
    }

    /** Whether the request's path is one of Quant's, whose clients read the error body as Quant's contract shapes it. */
    public static boolean isQuantPath(String path) {
        return path != null && QUANT_PATHS.stream().anyMatch(path::startsWith);
    }

    public static String nameForStatus(int status) {
        return switch (status) {
            case 400 -> "ValidationError";
            case 401 -> "AuthenticationRequired";
            case 403 -> "NoAccessError";
            case 404 -> "NotFoundError";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "NameExistsError";
            case 413 -> "PayloadTooLarge";
            case 415 -> "ContentTypeError";
            case 503 -> "ServiceUnavailable";
            default -> status >= 500 ? "InternalError" : "BadRequest";
        };
    }

    private static String detailsForLog(List<Detail> details) {
        if (details.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" [");
        for (int i = 0; i < details.size() && i < 10; i++) {
            Detail d = details.get(i);
            sb.append(i == 0 ? "" : "; ").append(LogSafe.text(d.path())).append(": ").append(LogSafe.text(d.message()));
        }
        return sb.append(details.size() > 10 ? "; ...]" : "]").toString();
    }
}
