package io.paddock.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.errors.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * {@code Idempotency-Key} on the routes marked {@link Idempotent}. A repeat of a request (same method, path
 * and body) with the same key replays the first response, status, headers and body, without doing the work
 * again; the same key with a different request is refused (422); a repeat while the first is still running
 * is refused (409). Keys belong to the caller's token scope. When the first request ends in a 5xx, the key is
 * forgotten so the request can be tried again with it.
 */
public class IdempotencyFilters {

    public static final String HEADER = "Idempotency-Key";
    private static final String CLAIMED = IdempotencyFilters.class.getName() + ".claimed";
    private static final String[] REPLAYED_HEADERS = { HttpHeaders.LOCATION, HttpHeaders.CONTENT_TYPE,
            CurrentOperation.HEADER, "Preference-Applied" };

    @Inject IdempotencyStore store;
    @Inject ObjectMapper mapper;

    private record Claim(String scope, String key) {
    }

    @Idempotent
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 200, readBody = true)
    public Uni<Response> begin(ContainerRequestContext ctx) throws IOException {
        String key = ctx.getHeaderString(HEADER);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.validation(HEADER, "must be 1-255 visible ASCII characters, e.g. a UUID");
        }
        byte[] body = readAndRestore(ctx);
        String scope = CallerScope.of(ctx);
        return store.begin(scope, key, fingerprint(ctx, body))
                .map(outcome -> switch (outcome) {
                    case IdempotencyStore.Fresh fresh -> {
                        ctx.setProperty(CLAIMED, new Claim(scope, key));
                        yield null;
                    }
                    case IdempotencyStore.Finished done -> replay(done);
                    case IdempotencyStore.Running running -> throw ApiException.conflict("IdempotencyKeyInUse",
                            "A request with this Idempotency-Key is still being handled. Wait for it to finish, then repeat "
                                    + "the request to receive its response.");
                    case IdempotencyStore.Mismatch mismatch -> throw new ApiException(422, "IdempotencyKeyMismatch",
                            "This Idempotency-Key was used for a different request. Send a new key for a new request.");
                });
    }

    @Idempotent
    @ServerResponseFilter
    public Uni<Void> finish(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIMED) instanceof Claim claim)) {
            return Uni.createFrom().voidItem();
        }
        request.removeProperty(CLAIMED);
        if (response.getStatus() >= 500) {
            return store.abandon(claim.scope(), claim.key());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = response.getHeaderString(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        String body;
        try {
            body = response.hasEntity() ? mapper.writeValueAsString(response.getEntity()) : null;
        } catch (JsonProcessingException e) {
            return store.abandon(claim.scope(), claim.key());
        }
        return store.finish(claim.scope(), claim.key(), response.getStatus(), headers, body);
    }

    private static Response replay(IdempotencyStore.Finished done) {
        Response.ResponseBuilder replay = Response.status(done.status()).header("Idempotent-Replayed", "true");
        done.headers().forEach(replay::header);
        if (done.body() != null) {
            replay.entity(done.body());
        }
        return replay.build();
    }

    private static byte[] readAndRestore(ContainerRequestContext ctx) throws IOException {
        // A DELETE is its method and path; its route reads no body, so none is buffered to read here.
        if ("DELETE".equals(ctx.getMethod()) || !ctx.hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = ctx.getEntityStream()) {
            byte[] body = in.readAllBytes();
            ctx.setEntityStream(new java.io.ByteArrayInputStream(body));
            return body;
        }
    }

    private static byte[] fingerprint(ContainerRequestContext ctx, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((ctx.getMethod() + " " + ctx.getUriInfo().getPath() + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
