package io.paddock.errors;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.JsonPointers;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.sqlclient.ClosedConnectionException;

/** Turns every exception a request can end in into the one error body. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response apiException(ApiException e, HttpServerRequest request) {
        return ErrorResponses.response(e, request.path());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<Detail> details = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            details.add(new Detail(JsonPointers.parameterPath(v.getPropertyPath()), v.getMessage()));
        }
        details.sort(java.util.Comparator.comparing(Detail::path));
        return ErrorResponses.response(ApiException.validation(details), request.path());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return ErrorResponses.response(404, "NotFoundError",
                "Paddock has no resource at " + request.method() + " " + request.path()
                        + ". The OpenAPI document at /q/openapi lists every route.",
                List.of(), null, request.path());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        return ErrorResponses.response(405, "MethodNotAllowed", request.method() + " is not allowed on "
                + request.path() + ". The OpenAPI document at /q/openapi lists the methods each route takes.",
                List.of(), null, request.path());
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, HttpHeaders headers, HttpServerRequest request) {
        String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return ErrorResponses.response(415, "ContentTypeError",
                "The request body must be JSON. Send it with the header Content-Type: application/json"
                        + (sent == null ? " (no Content-Type was sent)." : " (you sent " + sent + ")."),
                List.of(), null, request.path());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return ErrorResponses.response(ApiException.validation("", "The request body is not valid JSON: "
                + e.getOriginalMessage() + ". Send a JSON object."), request.path());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        String message = status >= 500 ? "Paddock could not handle this request."
                : "The request to " + uri.getPath() + " was refused (" + status + ").";
        return ErrorResponses.response(status, ErrorResponses.nameForStatus(status), message, List.of(), e,
                request.path());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (isDatabaseUnavailable(e)) {
            return ErrorResponses.response(503, "ServiceUnavailable",
                    "Paddock's database is not reachable right now. Try again shortly.", List.of(), e, request.path());
        }
        return ErrorResponses.response(500, "InternalError",
                "Paddock failed to handle this request. The error id identifies it in the server log.",
                List.of(), e, request.path());
    }

    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException
                    || t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.endsWith("NoStackTraceTimeoutException") || name.endsWith("ConnectionPoolTooBusyException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
