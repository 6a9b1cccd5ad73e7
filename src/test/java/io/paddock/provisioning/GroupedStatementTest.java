package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** Grouped executions against PostgreSQL: every caller gets its own rows, and only a faulty one fails. */
@QuarkusTest
class GroupedStatementTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @BeforeEach
    void table() {
        pool.query("CREATE TABLE IF NOT EXISTS grouped_statement_test ("
                        + " seq bigserial PRIMARY KEY, label text NOT NULL UNIQUE CHECK (label <> 'refused'))")
                .execute().await().atMost(WAIT);
        pool.query("TRUNCATE grouped_statement_test").execute().await().atMost(WAIT);
    }

    @Test
    void concurrentWritesShareRoundTripsAndEachCallerGetsItsOwnRow() throws Exception {
        GroupedStatement insert = GroupedStatement.write(pool,
                "INSERT INTO grouped_statement_test (label) VALUES ($1) RETURNING seq, label");

        List<String> labels = IntStream.range(0, 200).mapToObj(i -> "row-" + i).toList();
        List<Row> returned = runAll(labels.stream().map(label -> insert.executeForRow(Tuple.of(label))).toList());

        for (int i = 0; i < labels.size(); i++) {
            assertEquals(labels.get(i), returned.get(i).getString("label"), "caller " + i + " got another's row");
        }
        assertEquals(200L, count());
        assertTrue(insert.roundTrips() < 200, "200 concurrent writes took " + insert.roundTrips() + " round trips");
    }

    @Test
    void aRefusedWriteFailsAloneAndTheRestOfItsGroupIsWritten() throws Exception {
        GroupedStatement insert = GroupedStatement.write(pool,
                "INSERT INTO grouped_statement_test (label) VALUES ($1) RETURNING seq");

        List<String> labels = new ArrayList<>(IntStream.range(0, 60).mapToObj(i -> "ok-" + i).toList());
        labels.set(37, "refused");
        List<Uni<Row>> writes = labels.stream().map(label -> insert.executeForRow(Tuple.of(label))).toList();
        List<Object> outcomes = settleAll(writes);

        for (int i = 0; i < labels.size(); i++) {
            if (i == 37) {
                PgException refused = assertInstanceOf(PgException.class, outcomes.get(i));
                assertEquals("23514", refused.getSqlState());
            } else {
                assertInstanceOf(Row.class, outcomes.get(i), "write " + i + " failed with its group");
            }
        }
        assertEquals(59L, count());
        Set<String> stored = new TreeSet<>();
        pool.query("SELECT label FROM grouped_statement_test").execute().await().atMost(WAIT)
                .forEach(row -> stored.add(row.getString("label")));
        Set<String> expected = new TreeSet<>(labels);
        expected.remove("refused");
        assertEquals(expected, stored);
    }

    @Test
    void readsGroupAndAnswerEachCallerWithItsRowsOrNone() throws Exception {
        GroupedStatement insert = GroupedStatement.write(pool, "INSERT INTO grouped_statement_test (label) VALUES ($1)");
        runAll(IntStream.range(0, 50).mapToObj(i -> insert.executeForRow(Tuple.of("r-" + i))).toList());
        GroupedStatement find = GroupedStatement.read(pool, "SELECT label FROM grouped_statement_test WHERE label = $1");

        List<Row> found = runAll(IntStream.range(0, 100)
                .mapToObj(i -> find.executeForRow(Tuple.of("r-" + i)))
                .toList());

        for (int i = 0; i < 100; i++) {
            if (i < 50) {
                assertEquals("r-" + i, found.get(i).getString("label"));
            } else {
                assertNull(found.get(i), "r-" + i + " does not exist");
            }
        }
        assertTrue(find.roundTrips() < 100, "100 concurrent reads took " + find.roundTrips() + " round trips");
    }

    @Test
    void answersOnTheContextTheCallerCalledFrom() throws Exception {
        GroupedStatement insert = GroupedStatement.write(pool, "INSERT INTO grouped_statement_test (label) VALUES ($1)");
        List<CompletableFuture<Boolean>> sameContext = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Context context = vertx.getOrCreateContext();
            CompletableFuture<Boolean> answered = new CompletableFuture<>();
            sameContext.add(answered);
            String label = "c-" + i;
            context.runOnContext(ignored -> insert.executeForRow(Tuple.of(label)).subscribe().with(
                    row -> answered.complete(Vertx.currentContext() == context),
                    answered::completeExceptionally));
        }
        for (int i = 0; i < 40; i++) {
            assertTrue(sameContext.get(i).get(30, TimeUnit.SECONDS), "caller " + i + " was answered elsewhere");
        }
        assertEquals(40L, count());
    }

    private long count() {
        return pool.query("SELECT count(*) AS n FROM grouped_statement_test").execute().await().atMost(WAIT)
                .iterator().next().getLong("n");
    }

    /** Subscribes to every Uni at once (so they come together) and waits for all their items, in order. */
    private static List<Row> runAll(List<Uni<Row>> unis) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Object outcome : settleAll(unis)) {
            if (outcome instanceof Throwable failure) {
                throw new AssertionError("a grouped execution failed", failure);
            }
            rows.add((Row) outcome);
        }
        return rows;
    }

    /** Each Uni's item or failure, in order. */
    private static List<Object> settleAll(List<Uni<Row>> unis) throws Exception {
        List<CompletableFuture<Object>> futures = new ArrayList<>();
        for (Uni<Row> uni : unis) {
            CompletableFuture<Object> future = new CompletableFuture<>();
            uni.subscribe().with(future::complete, future::complete);
            futures.add(future);
        }
        List<Object> outcomes = new ArrayList<>();
        for (CompletableFuture<Object> future : futures) {
            outcomes.add(future.get(30, TimeUnit.SECONDS));
        }
        return outcomes;
    }
}
