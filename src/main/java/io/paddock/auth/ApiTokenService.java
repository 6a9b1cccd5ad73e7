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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ApiTokenService {

    private final ApiTokenRepository repository;
    private final Pool pool;

    ApiTokenService(ApiTokenRepository repository, Pool pool) {
        this.repository = repository;
        this.pool = pool;
    }

    /**
     * The caller behind an Authorization header value, or a 401 failure. Runs on every request, from any
     * thread (blocking routes run their filters on a worker), so it is one query on the SQL client rather
     * than a Hibernate session.
     */
    public Uni<Caller> authenticate(String header) {
        String token = header.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.isEmpty() || token.lastIndexOf('.') < 1) {
            return Uni.createFrom().failure(unauthorized());
        }
        byte[] hash = TokenHash.sha256(token);
        return pool.preparedQuery("SELECT id, organisation, environment, secret_hash FROM api_token WHERE secret_hash = $1")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(hash)))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        throw unauthorized();
                    }
                    Row row = it.next();
                    if (!TokenHash.sameHash(row.getBuffer("secret_hash").getBytes(), hash)) {
                        throw unauthorized();
                    }
                    return new Caller(row.getUUID("id"), row.getString("organisation"), row.getString("environment"));
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
        return repository.listOldestFirst()
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
