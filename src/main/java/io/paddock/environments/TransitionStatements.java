package io.paddock.environments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.environments.Admission.Admitted;
import io.paddock.environments.Admission.LeftoversPending;
import io.paddock.environments.Admission.LimitReached;
import io.paddock.environments.Admission.NameTaken;
import io.paddock.environments.Admission.StageDisabled;
import io.paddock.environments.EnvironmentTransitions.Stranded;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of {@link EnvironmentTransitions}, and its alone: each write a single prepared statement, its own
 * transaction, conditioned on the holder's fencing token and on the statuses the move starts from.
 */
@ApplicationScoped
class TransitionStatements {

    /* The admission, and its operation with it when it is admitted: one statement, so neither is without the other. */
    private static final String ADMIT = "WITH a AS (SELECT * FROM admit_environment("
            + "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)), "
            + "o AS (INSERT INTO environment_operation (" + OperationStatements.COLUMNS + ") "
            + "SELECT $17, $18, $19, $20, $21, $22, $23, $24, $25, now() + make_interval(secs => $26), "
            + "CASE WHEN $27 THEN now() END FROM a WHERE a.admitted) "
            + "SELECT admitted, namesake_status, leftovers, stage_enabled, live_count FROM a";

    /*
     * The end of the work a fence holds: the status it ends in, the stored documents it changed (a null keeps
     * the column), the failure (or none), and the lease released. Only while the holder's token is the row's
     * and the row is in the status the move starts from.
     */
    private static final String SETTLE = "UPDATE application_environment SET status = $3, "
            + "compose = COALESCE($4, compose), provisioned = COALESCE($5, provisioned), "
            + "min_capacity = COALESCE($6, min_capacity), max_capacity = COALESCE($7, max_capacity), "
            + "desired_count = COALESCE($8, desired_count), scaling_policies = COALESCE($9, scaling_policies), "
            + "variables = COALESCE($13, variables), failure = $10, failure_terminal = $11, previous_compose = NULL, "
            + "previous_min_capacity = NULL, previous_max_capacity = NULL, previous_variables = NULL, attempts = 0, "
            + "lease_owner = NULL, lease_expires_at = NULL, lease_token = NULL, updated_at = now(), version = version + 1 "
            + "WHERE id = $1 AND lease_token = $2 AND status = ANY($12)";

    private static final String REMOVE = "DELETE FROM application_environment WHERE id = $1 AND lease_token = $2 "
            + "AND status = ANY($3)";

    /*
     * The work a reconciler may take over: environments with work in flight whose lease ran out (or that never
     * had one), and FAILED environments whose ledger still holds resources, oldest change first; never one whose
     * terminal failure is recorded. Each kind is picked through its own index.
     */
    private static final String TAKE_OVER = "WITH busy AS ("
            + "  SELECT id, updated_at FROM application_environment "
            + "   WHERE status IN ('CREATING', 'UPDATING', 'DELETING') AND NOT failure_terminal "
            + "     AND (lease_expires_at IS NULL OR lease_expires_at < now()) "
            + "   ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED), "
            + "failed AS ("
            + "  SELECT a.id, a.updated_at FROM application_environment a "
            + "   WHERE a.status = 'FAILED' AND NOT a.failure_terminal "
            + "     AND (a.lease_expires_at IS NULL OR a.lease_expires_at < now()) "
            + "     AND EXISTS (SELECT 1 FROM provisioned_resource r WHERE r.environment_id = a.id) "
            + "   ORDER BY a.updated_at LIMIT $3 FOR UPDATE SKIP LOCKED) "
            + "UPDATE application_environment SET lease_owner = $1, "
            + "lease_expires_at = now() + make_interval(secs => $2), lease_token = gen_random_uuid(), version = version + 1 "
            + "WHERE id IN (SELECT id FROM (SELECT * FROM busy UNION ALL SELECT * FROM failed) c "
            + "  ORDER BY updated_at LIMIT $3) "
            + "RETURNING id, organisation, application, env_name, status, compose, provisioned, desired_count, "
            + "min_capacity, max_capacity, failure, previous_compose, previous_min_capacity, previous_max_capacity, "
            + "attempts, lease_token, variables, previous_variables";

    /* The try failed and may be tried again once the wait is over: the lease goes, and nobody's token is valid. */
    private static final String RETRY_LATER = "UPDATE application_environment SET attempts = attempts + 1, "
            + "lease_owner = NULL, lease_token = NULL, lease_expires_at = now() + make_interval(secs => $3) "
            + "WHERE id = $1 AND lease_token = $2 AND status = ANY($4)";

    private static final String RELEASE_ALL = "UPDATE application_environment SET lease_expires_at = now() "
            + "WHERE lease_owner = $1 AND status IN ('CREATING', 'UPDATING', 'DELETING')";

    @Inject Pool pool;

    /**
     * CREATE, in admit_environment: {@code env} is recorded as CREATING with {@code fence}'s lease, and {@code op}
     * with it, or why not.
     */
    Uni<Admission> admit(ApplicationEnvironment env, Fence fence, int limit, OperationStatements.Started op) {
        Tuple args = Tuple.tuple()
                .addUUID(env.id)
                .addString(env.organisation)
                .addString(env.application)
                .addString(env.envName)
                .addInteger(env.minCapacity)
                .addInteger(env.maxCapacity)
                .addInteger(env.desiredCount)
                .addString(env.cloneConfigurationFrom)
                .addString(env.imageSuffix)
                .addString(env.compose)
                .addString(env.variables)
                .addOffsetDateTime(env.createdAt)
                .addString(env.leaseOwner)
                .addOffsetDateTime(env.leaseExpiresAt)
                .addUUID(fence.token())
                .addInteger(limit);
        return pool.preparedQuery(ADMIT)
                .execute(op.bind(args, env, false))
                .map(rows -> admission(rows.iterator().next(), fence));
    }

    private static Admission admission(Row row, Fence fence) {
        Long live = row.getLong("live_count");
        if (row.getBoolean("admitted")) {
            return new Admitted(fence, live);
        }
        String namesake = row.getString("namesake_status");
        if (namesake != null && EnvironmentStatus.valueOf(namesake).isLive()) {
            return new NameTaken(EnvironmentStatus.valueOf(namesake));
        }
        if (row.getBoolean("leftovers")) {
            return new LeftoversPending();
        }
        if (Boolean.FALSE.equals(row.getBoolean("stage_enabled"))) {
            return new StageDisabled();
        }
        return new LimitReached(live == null ? 0 : live);
    }

    Uni<Settled> settle(Fence fence, Transition transition, Outcome outcome, Integer min, Integer max, String failure,
            boolean terminal) {
        Tuple args = Tuple.tuple()
                .addUUID(fence.environmentId())
                .addUUID(fence.token())
                .addString(outcome.status().name())
                .addString(outcome.compose())
                .addString(outcome.provisioned())
                .addInteger(min)
                .addInteger(max)
                .addInteger(outcome.desiredCount())
                .addString(outcome.scalingPolicies())
                .addString(failure)
                .addBoolean(terminal)
                .addArrayOfString(transition.fromNames())
                .addString(outcome.variables());
        return settled(pool.preparedQuery(SETTLE).execute(args));
    }

    /** A move that ends in the row's removal. */
    Uni<Settled> remove(Fence fence, Transition transition) {
        return settled(pool.preparedQuery(REMOVE).execute(Tuple.of(fence.environmentId(), fence.token(),
                transition.fromNames())));
    }

    Uni<Settled> retryLater(Fence fence, Duration wait) {
        return settled(pool.preparedQuery(RETRY_LATER).execute(Tuple.of(fence.environmentId(), fence.token(),
                wait.toMillis() / 1000.0, Transition.RETRY_LATER.fromNames())));
    }

    private static Uni<Settled> settled(Uni<RowSet<Row>> write) {
        return write.map(rows -> rows.rowCount() == 1 ? Settled.DONE : Settled.LEASE_LOST);
    }

    /** TAKE_OVER for {@code owner}, whose leases last {@code seconds}. */
    Uni<List<Stranded>> takeOver(String owner, double seconds, int limit) {
        return pool.preparedQuery(TAKE_OVER)
                .execute(Tuple.of(owner, seconds, limit))
                .map(rows -> {
                    List<Stranded> stranded = new ArrayList<>();
                    for (Row row : rows) {
                        ApplicationEnvironment env = stranded(row);
                        env.leaseOwner = owner;
                        stranded.add(new Stranded(env, new Fence(env.id, env.leaseToken)));
                    }
                    return stranded;
                });
    }

    private static ApplicationEnvironment stranded(Row row) {
        ApplicationEnvironment env = new ApplicationEnvironment();
        env.id = row.getUUID("id");
        env.organisation = row.getString("organisation");
        env.application = row.getString("application");
        env.envName = row.getString("env_name");
        env.status = EnvironmentStatus.valueOf(row.getString("status"));
        env.compose = row.getString("compose");
        env.provisioned = row.getString("provisioned");
        env.desiredCount = row.getInteger("desired_count");
        env.minCapacity = row.getInteger("min_capacity");
        env.maxCapacity = row.getInteger("max_capacity");
        env.failure = row.getString("failure");
        env.previousCompose = row.getString("previous_compose");
        env.previousMinCapacity = row.getInteger("previous_min_capacity");
        env.previousMaxCapacity = row.getInteger("previous_max_capacity");
        env.attempts = row.getInteger("attempts");
        env.variables = row.getString("variables");
        env.previousVariables = row.getString("previous_variables");
        env.leaseToken = row.getUUID("lease_token");
        return env;
    }

    /** Lets other replicas take over at once whatever {@code owner} still holds. */
    Uni<Integer> releaseAll(String owner) {
        return pool.preparedQuery(RELEASE_ALL)
                .execute(Tuple.of(owner))
                .map(rows -> rows.rowCount());
    }
}
