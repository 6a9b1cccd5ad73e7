package io.paddock.auth;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Creates the admin tokens named by {@code paddock.init-admin-api-tokens} when they do not exist yet, so
 * a fresh installation can be used at once. Replicas starting together are safe: the hash is unique.
 */
@Singleton
public class InitialAdminTokens {

    private static final Logger LOG = Logger.getLogger(InitialAdminTokens.class);

    void create(@Observes StartupEvent event, PaddockConfig config, Mutiny.SessionFactory sessions) throws Throwable {
        List<String> tokens = config.initAdminApiTokens().orElse(List.of()).stream()
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .toList();
        for (String token : tokens) {
            if (!token.startsWith("*:*.") || token.length() < 4 + 16 || token.indexOf('.', 4) >= 0) {
                throw new IllegalArgumentException("paddock.init-admin-api-tokens: each token must be an admin token "
                        + "'*:*.<secret>' with a secret of at least 16 characters and no '.'");
            }
        }
        int created = 0;
        for (String token : tokens) {
            created += VertxContextSupport.subscribeAndAwait(() -> insertIfAbsent(sessions, token));
        }
        if (!tokens.isEmpty()) {
            LOG.infof("initial admin tokens: %d configured, %d created", tokens.size(), created);
        }
    }

    private static Uni<Integer> insertIfAbsent(Mutiny.SessionFactory sessions, String token) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                "INSERT INTO api_token (id, token_name, secret_hash, created_at) VALUES (?1, ?2, ?3, ?4) "
                        + "ON CONFLICT (secret_hash) DO NOTHING")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, "initial admin token")
                .setParameter(3, TokenHash.sha256(token))
                .setParameter(4, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate());
    }
}
