package io.paddock.auth;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    @Inject ApiTokenRepository repository;
    @Inject Pool pool;
    @Inject ApiTokenCache cache;

    /**
     * The caller behind an Authorization header value, or a 401 failure. Runs on every request, from any
     * thread (blocking routes run their filters on a worker): a valid token is answered from
     * {@link ApiTokenCache} when it holds it, else by one query on the SQL client rather than a Hibernate
     * session.
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
        Caller cached = cache.get(hash);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long generation = cache.generation();
        return pool.preparedQuery("SELECT id, token_name, organisation, environment, grants, secret_hash FROM api_token "
                        + "WHERE secret_hash = $1")
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
                    return new Caller(row.getUUID("id"), row.getString("token_name"), row.getString("organisation"),
                            row.getString("environment"), Caller.parsed(row.getString("grants")));
                })
                .invoke(caller -> cache.put(hash, caller, generation));
    }

    @WithTransaction
    public Uni<CreatedApiToken> create(CreateApiTokenRequest request) {
        Caller scope = new Caller(null, request.tokenName(), request.organisation(), request.environment());
        String secret = scope.scope() + "." + TokenHash.newSecret();
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.tokenName = request.tokenName();
        token.organisation = request.organisation();
        token.environment = request.environment();
        token.grants = Caller.stored(request.grants());
        token.secretHash = TokenHash.sha256(secret);
        token.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return repository.persist(token)
                .map(saved -> new CreatedApiToken(saved.id, saved.tokenName, ApiTokenDtos.star(saved.organisation),
                        ApiTokenDtos.star(saved.environment), ApiTokenDtos.type(saved), ApiTokenDtos.grants(saved), secret,
                        saved.createdAt));
    }

    @WithSession
    public Uni<List<ApiTokenView>> list() {
        return repository.listOldestFirst()
                .map(tokens -> tokens.stream().map(ApiTokenView::of).toList());
    }

    /**
     * Deletes the token in one statement (its own transaction). This replica's cache forgets every token once
     * that has committed and before the delete is answered, so the token's next request, here, is refused;
     * other replicas forget on the notification the commit sends.
     */
    public Uni<Void> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM api_token WHERE id = $1")
                .execute(Tuple.of(id))
                .invoke(cache::invalidateAll)
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
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
