package io.paddock.web;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.PaddockConfig;
import io.paddock.errors.ApiError;
import io.paddock.errors.ApiException;
import io.paddock.errors.ErrorResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The error body for what never reaches a resource: a declared body over the size limit (refused before
 * it is read), a path nothing serves, and failures inside the HTTP layer itself.
 */
@Singleton
public class RouterErrors {

    private final ObjectMapper mapper;
    private final long maxBodySize;

    RouterErrors(ObjectMapper mapper, PaddockConfig config) {
        this.mapper = mapper;
        this.maxBodySize = config.limits().maxBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::refuseDeclaredOversizeBody);
        router.route().order(Integer.MAX_VALUE - 10).handler(this::notFound);
        router.route().order(-1000).failureHandler(this::failure);
    }

    private void refuseDeclaredOversizeBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > maxBodySize) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ApiException tooLarge = BodyLimit.tooLarge(maxBodySize);
                write(ctx, 413, ErrorResponses.body(413, tooLarge.name(), tooLarge.getMessage(), List.of(), null,
                        ctx.request().path()));
                return;
            }
        }
        ctx.next();
    }

    private void notFound(RoutingContext ctx) {
        write(ctx, 404, ErrorResponses.body(404, "NotFoundError", "Paddock has no resource at "
                + ctx.request().method() + " " + ctx.request().path()
                + ". The OpenAPI document at /q/openapi lists every route.", List.of(), null, ctx.request().path()));
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String message = switch (status) {
            case 413 -> BodyLimit.tooLarge(maxBodySize).getMessage();
            case 404 -> "Paddock has no resource at " + ctx.request().method() + " " + ctx.request().path() + ".";
            default -> status >= 500 ? "Paddock failed to handle this request. The error id identifies it in the server log."
                    : "The request was refused (" + status + ").";
        };
        write(ctx, status, ErrorResponses.body(status, ErrorResponses.nameForStatus(status), message, List.of(),
                ctx.failure(), ctx.request().path()));
    }

    private void write(RoutingContext ctx, int status, ApiError body) {
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            json = "{\"id\":\"" + body.id() + "\",\"name\":\"InternalError\",\"message\":\"\",\"details\":[]}";
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json);
    }
}
