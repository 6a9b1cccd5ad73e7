package io.paddock.auth;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.paddock.auth.ApiTokenDtos.ApiTokenView;
import io.paddock.auth.ApiTokenDtos.CreateApiTokenRequest;
import io.paddock.auth.ApiTokenDtos.CreatedApiToken;
import io.paddock.errors.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ApiTokenService {

    private final ApiTokenRepository repository;

    ApiTokenService(ApiTokenRepository repository) {
        this.repository = repository;
    }

    /** The caller behind an Authorization header value, or a 401 failure. */
    @WithSession
    public Uni<Caller> authenticate(String header) {
        String token = header.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.isEmpty() || token.lastIndexOf('.') < 1) {
            return Uni.createFrom().failure(unauthorized());
        }
        byte[] hash = TokenHash.sha256(token);
        return repository.findByHash(hash)
                .map(found -> {
                    if (found == null || !TokenHash.sameHash(found.secretHash, hash)) {
                        throw unauthorized();
                    }
                    return new Caller(found.id, found.organisation, found.environment);
                });
    }

    @WithTransaction
    public Uni<CreatedApiToken> create(CreateApiTokenRequest request) {
        Caller scope = new Caller(null, request.organisation(), request.environment());
        String secret = scope.scope() + "." + TokenHash.newSecret();
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.tokenName = request.tokenName();
        token.organisation = request.organisation();
        token.environment = request.environment();
        token.secretHash = TokenHash.sha256(secret);
        token.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return repository.persist(token)
                .map(saved -> new CreatedApiToken(saved.id, saved.tokenName, ApiTokenDtos.star(saved.organisation),
                        ApiTokenDtos.star(saved.environment), ApiTokenDtos.type(saved), secret, saved.createdAt));
    }

    @WithSession
    public Uni<List<ApiTokenView>> list() {
        return repository.listAll()
                .map(tokens -> tokens.stream().map(ApiTokenView::of).toList());
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return repository.deleteById(id)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw ApiException.notFound("There is no API token with id " + id + ".");
                    }
                })
                .replaceWithVoid();
    }

    static ApiException unauthorized() {
        return new ApiException(401, "UnauthorizedError", "The API token in the Authorization header is unknown "
                + "or has been deleted. Send a valid token, e.g. Authorization: *:*.<secret>.");
    }
}
