package io.paddock.environments;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.PaddockConfig;
import io.paddock.auth.Caller;
import io.paddock.auth.CurrentCaller;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL that starts operations, a part of {@link EnvironmentTransitions} and used by it alone. An operation is
 * written in the transaction that starts its work, so there is none without its work and no work without one; the
 * database ends it (V22) in the transaction that settles the environment.
 */
@ApplicationScoped
class OperationStatements {

    /** The columns an operation starts with, in the order of {@link Started#bind}'s parameters after the first. */
    static final String COLUMNS = "id, environment_id, organisation, application, env_name, type, status, "
            + "requested_by_token_id, requested_by_token, deadline_at, ended_at";

    private static final String BEGIN = "INSERT INTO environment_operation (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, "
            + "?6, ?7, CAST(?8 AS uuid), ?9, now() + make_interval(secs => ?10), CASE WHEN ?11 THEN now() END)";

    /*
     * A cancel: the operation of that environment, locked; asked to stop unless it has ended or is a delete (one
     * already CANCELLING stays so).
     */
    private static final String CANCEL = "WITH t AS (SELECT id, type, status, ended_at, environment_id "
            + "FROM environment_operation WHERE id = $1 AND organisation = $2 AND application = $3 "
            + "AND lower(env_name) = lower($4) FOR UPDATE), "
            + "c AS (UPDATE environment_operation o SET stop = 'CANCEL', status = 'CANCELLING' FROM t "
            + "WHERE o.id = t.id AND t.ended_at IS NULL AND t.type <> 'DELETE' AND o.stop IS NULL) "
            + "SELECT type, status, ended_at IS NOT NULL AS ended, environment_id FROM t";

    /* The latest operation of each environment that deploys something (a cron job change does not). */
    private static final String LATEST = "SELECT DISTINCT ON (environment_id) environment_id, type, status, failure_reason "
            + "FROM environment_operation WHERE environment_id = ANY($1) AND type <> 'CRON' "
            + "ORDER BY environment_id, started_at DESC";

    @Inject Pool pool;
    @Inject PaddockConfig config;

    /** An operation about to start: who asked for it, and how long it may run. */
    record Started(UUID id, OperationType type, UUID tokenId, String tokenName, Duration deadline) {

        /** The parameters of an insert of this operation for {@code env}, added to {@code args} (the admission's statement). */
        Tuple bind(Tuple args, ApplicationEnvironment env, boolean ended) {
            return args.addUUID(id)
                    .addUUID(env.id)
                    .addString(env.organisation)
                    .addString(env.application)
                    .addString(env.envName)
                    .addString(type.name())
                    .addString(ended ? "SUCCEEDED" : "RUNNING")
                    .addUUID(tokenId)
                    .addString(tokenName)
                    .addDouble(deadline.toMillis() / 1000.0)
                    .addBoolean(ended);
        }
    }

    /** A new operation of {@code type}, asked for by the current request's caller (none in background work). */
    Started start(OperationType type) {
        Caller caller = null;
        if (Arc.container().requestContext().isActive()) {
            caller = Arc.container().instance(CurrentCaller.class).get().find().orElse(null);
        }
        return new Started(UUID.randomUUID(), type, caller == null ? null : caller.tokenId(),
                caller == null ? null : caller.tokenName(), config.operations().deadline());
    }

    /**
     * Writes {@code op} for {@code env} in the current Hibernate Reactive transaction: RUNNING, or already
     * SUCCEEDED when {@code ended} (a change that needs no cloud work ends with its transaction).
     */
    Uni<Void> begin(Started op, ApplicationEnvironment env, boolean ended) {
        return Panache.getSession().chain(session -> session.createNativeQuery(BEGIN)
                        .setParameter(1, op.id())
                        .setParameter(2, env.id)
                        .setParameter(3, env.organisation)
                        .setParameter(4, env.application)
                        .setParameter(5, env.envName)
                        .setParameter(6, op.type().name())
                        .setParameter(7, ended ? "SUCCEEDED" : "RUNNING")
                        .setParameter(8, op.tokenId() == null ? null : op.tokenId().toString())
                        .setParameter(9, op.tokenName())
                        .setParameter(10, op.deadline().toMillis() / 1000.0)
                        .setParameter(11, ended)
                        .executeUpdate())
                .replaceWithVoid();
    }

    Uni<EnvironmentTransitions.Cancel> cancel(EnvironmentKey key, UUID operation) {
        return pool.preparedQuery(CANCEL)
                .execute(Tuple.of(operation, key.organisation(), key.application(), key.envName()))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return new EnvironmentTransitions.Cancel.Unknown();
                    }
                    Row row = rows.iterator().next();
                    if (row.getBoolean("ended")) {
                        return new EnvironmentTransitions.Cancel.Ended(row.getString("status"));
                    }
                    if (OperationType.DELETE.name().equals(row.getString("type"))) {
                        return new EnvironmentTransitions.Cancel.NotCancellable(row.getString("type"));
                    }
                    return new EnvironmentTransitions.Cancel.Cancelling(row.getUUID("environment_id"));
                });
    }

    /** An environment's latest operation, as its deploymentStatus reads it. */
    record Latest(OperationType type, String status, String failureReason) {
    }

    /** The latest deploying operation of each of {@code environments} that has one. */
    Uni<Map<UUID, Latest>> latest(List<UUID> environments) {
        if (environments.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(LATEST)
                .execute(Tuple.of(environments.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, Latest> latest = new HashMap<>();
                    rows.forEach(row -> latest.put(row.getUUID("environment_id"), new Latest(
                            OperationType.valueOf(row.getString("type")), row.getString("status"),
                            row.getString("failure_reason"))));
                    return latest;
                });
    }
}
