package io.paddock.catalog;

import static io.paddock.catalog.CatalogTesting.BASE;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.paddock.testing.Api;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

@QuarkusTest
class CatalogRulesTest {

    @Inject
    CatalogEnvironmentRepository repository;

    @Inject
    Vertx vertx;

    @Test
    void noRulesForNameTheCatalogLacks() throws Throwable {
        String name = Api.unique("uncatalogued");
        CatalogRules rules = inTransaction(name);

        assertEquals(new CatalogRules(name, false, false, false), rules);
        assertTrue(rules.acceptsNewEnvironments());
        assertFalse(rules.forbidsDeletion());
    }

    @Test
    void protectedEnvironmentForbidsDeletion() throws Throwable {
        CatalogRules rules = inTransaction("production");

        assertEquals(new CatalogRules("production", true, true, true), rules);
        assertTrue(rules.acceptsNewEnvironments());
        assertTrue(rules.forbidsDeletion());
    }

    @Test
    void disabledEnvironmentAcceptsNoNewEnvironments() throws Throwable {
        String name = CatalogTesting.createEnvironment("disabled", "test", null);
        asAdmin().post(BASE + "/" + name + "/off").then().statusCode(204);

        CatalogRules rules = inTransaction(name);

        assertEquals(new CatalogRules(name, true, false, false), rules);
        assertFalse(rules.acceptsNewEnvironments());
        assertFalse(rules.forbidsDeletion());
    }

    @Test
    void deleteWaitsForTransactionThatReadTheRulesAndThenSeesItsApplicationEnvironment() throws Throwable {
        String name = CatalogTesting.createEnvironment("held", "test", null);
        CountDownLatch inserted = new CountDownLatch(1);

        CompletableFuture<Void> creator = CompletableFuture.runAsync(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository.rulesFor(name)
                        .call(rules -> Panache.getSession()
                                .chain(session -> session.createNativeQuery("""
                                        INSERT INTO application_environment (id, organisation, application, env_name,
                                                status, min_capacity, max_capacity, desired_count, compose, created_at,
                                                updated_at)
                                        VALUES (:id, 'acme', 'shop', :name, 'CREATING', 1, 1, 1, '{}', :now, :now)
                                        """)
                                        .setParameter("id", UUID.randomUUID())
                                        .setParameter("name", name)
                                        .setParameter("now", OffsetDateTime.now())
                                        .executeUpdate()))
                        .invoke(inserted::countDown)
                        .call(() -> Uni.createFrom().emitter(done -> vertx.setTimer(1500, id -> done.complete(null))))));
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });

        assertTrue(inserted.await(30, TimeUnit.SECONDS));
        assertError(asAdmin().delete(BASE + "/" + name), 409, "EnvironmentInUseError");
        creator.get(30, TimeUnit.SECONDS);
    }

    private CatalogRules inTransaction(String name) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository.rulesFor(name)));
    }
}
