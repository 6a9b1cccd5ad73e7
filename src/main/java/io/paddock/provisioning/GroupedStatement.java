package io.paddock.provisioning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One prepared statement that callers run with their own parameters, and that runs for many callers at once when
 * they come together, the way a database groups commits: the first execution goes out at once; executions that
 * arrive while {@code maxInFlight} are out wait and go together in the next round trip (at most
 * {@code maxBatch}). A caller alone waits no longer than it would without grouping; under load, many callers
 * share one round trip and, for a write, one commit.
 * <p>
 * A write group runs in one transaction, so it is written whole or not at all; when a group fails, its
 * executions are run again one by one, so only the caller whose parameters are at fault sees the failure. Each
 * caller gets its own execution's rows, on the Vert.x context it called from.
 */
public final class GroupedStatement {

    private record Pending(Tuple parameters, Context context, UniEmitter<? super List<Row>> emitter) {
    }

    private final Pool pool;
    private final String sql;
    private final boolean write;
    private final int maxInFlight;
    private final int maxBatch;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final AtomicLong groups = new AtomicLong();
    private int inFlight;

    private GroupedStatement(Pool pool, String sql, boolean write, int maxInFlight, int maxBatch) {
        this.pool = pool;
        this.sql = sql;
        this.write = write;
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
    }

    /** A statement that changes rows: each group is one transaction. */
    public static GroupedStatement write(Pool pool, String sql) {
        return new GroupedStatement(pool, sql, true, 4, 64);
    }

    /** A statement that only reads: a group is one round trip, in no transaction. */
    public static GroupedStatement read(Pool pool, String sql) {
        return new GroupedStatement(pool, sql, false, 4, 64);
    }

    /** Runs the statement with these parameters; the rows are what it returned for them (none without RETURNING). */
    public Uni<List<Row>> execute(Tuple parameters) {
        return Uni.createFrom().emitter(emitter -> {
            List<Pending> group;
            synchronized (this) {
                waiting.add(new Pending(parameters, Vertx.currentContext(), emitter));
                if (inFlight == maxInFlight) {
                    return;
                }
                inFlight++;
                group = nextGroup();
            }
            run(group);
        });
    }

    /** The first row the statement returned for these parameters, or null. */
    public Uni<Row> executeForRow(Tuple parameters) {
        return execute(parameters).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** How many round trips have been made so far (a group counts once, each execution rerun alone once more). */
    public long roundTrips() {
        return groups.get();
    }

    private List<Pending> nextGroup() {
        int size = Math.min(waiting.size(), maxBatch);
        List<Pending> group = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            group.add(waiting.poll());
        }
        return group;
    }

    private void run(List<Pending> group) {
        if (group.size() == 1) {
            Pending only = group.get(0);
            single(only.parameters()).subscribe().with(
                    rows -> {
                        next();
                        complete(only, rows);
                    },
                    failure -> {
                        next();
                        fail(only, failure);
                    });
            return;
        }
        groups.incrementAndGet();
        List<Tuple> parameters = group.stream().map(Pending::parameters).toList();
        Uni<RowSet<Row>> executed = write
                ? pool.withTransaction(connection -> connection.preparedQuery(sql).executeBatch(parameters))
                : pool.preparedQuery(sql).executeBatch(parameters);
        executed.subscribe().with(
                result -> {
                    next();
                    RowSet<Row> rows = result;
                    for (Pending pending : group) {
                        complete(pending, rowsOf(rows));
                        rows = rows.next();
                    }
                },
                failure -> {
                    next();
                    for (Pending pending : group) {
                        single(pending.parameters()).subscribe().with(rows -> complete(pending, rows),
                                alone -> fail(pending, alone));
                    }
                });
    }

    private Uni<List<Row>> single(Tuple parameters) {
        return Uni.createFrom().deferred(() -> {
            groups.incrementAndGet();
            return pool.preparedQuery(sql).execute(parameters).map(GroupedStatement::rowsOf);
        });
    }

    /** Sends what waited meanwhile, or frees the slot. */
    private void next() {
        List<Pending> group;
        synchronized (this) {
            if (waiting.isEmpty()) {
                inFlight--;
                return;
            }
            group = nextGroup();
        }
        run(group);
    }

    private static List<Row> rowsOf(RowSet<Row> rows) {
        if (rows == null || rows.size() == 0) {
            return List.of();
        }
        List<Row> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(row);
        }
        return list;
    }

    private static void complete(Pending pending, List<Row> rows) {
        on(pending.context(), () -> pending.emitter().complete(rows));
    }

    private static void fail(Pending pending, Throwable failure) {
        on(pending.context(), () -> pending.emitter().fail(failure));
    }

    private static void on(Context context, Runnable task) {
        if (context == null || context == Vertx.currentContext()) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }
}
