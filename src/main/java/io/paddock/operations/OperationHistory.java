package io.paddock.operations;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.environments.EnvironmentDtos;
import io.paddock.environments.EnvironmentKey;
import io.paddock.operations.OperationDtos.OperationView;
import io.paddock.operations.OperationDtos.RequestedBy;
import io.paddock.operations.OperationDtos.Step;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The operations of an environment as stored: by the environment's name, so that they stay readable after it is
 * deleted (and a later environment of that name continues the history), newest first.
 */
@ApplicationScoped
class OperationHistory {

    private static final String COLUMNS = "id, type, status, organisation, application, env_name, environment_id, "
            + "started_at, ended_at, deadline_at, failure_reason, steps, requested_by_token_id, requested_by_token";

    private static final String OF_ENVIRONMENT = "organisation = $1 AND application = $2 AND lower(env_name) = lower($3)";

    private static final String PAGE = "SELECT " + COLUMNS + " FROM environment_operation WHERE " + OF_ENVIRONMENT
            + " AND ($4::uuid IS NULL OR (started_at, id) < (SELECT started_at, id FROM environment_operation WHERE id = $4))"
            + " ORDER BY started_at DESC, id DESC LIMIT $5";

    private static final String ONE = "SELECT " + COLUMNS + " FROM environment_operation WHERE " + OF_ENVIRONMENT
            + " AND id = $4";

    private static final String KNOWN = "SELECT 1 FROM environment_operation WHERE " + OF_ENVIRONMENT + " AND id = $4";

    @Inject Pool pool;

    /** Up to {@code limit} operations of the environment, older than {@code before} when it is given. */
    Uni<List<OperationView>> page(EnvironmentKey key, UUID before, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(key.organisation(), key.application(), key.envName(), before, limit))
                .map(rows -> {
                    List<OperationView> page = new ArrayList<>();
                    rows.forEach(row -> page.add(view(row)));
                    return page;
                });
    }

    /** Whether {@code id} is an operation of the environment (a page cursor must be one). */
    Uni<Boolean> known(EnvironmentKey key, UUID id) {
        return pool.preparedQuery(KNOWN)
                .execute(Tuple.of(key.organisation(), key.application(), key.envName(), id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The operation {@code id} of the environment, or null. */
    Uni<OperationView> find(EnvironmentKey key, UUID id) {
        return pool.preparedQuery(ONE)
                .execute(Tuple.of(key.organisation(), key.application(), key.envName(), id))
                .map(rows -> rows.rowCount() == 0 ? null : view(rows.iterator().next()));
    }

    private static OperationView view(Row row) {
        UUID tokenId = row.getUUID("requested_by_token_id");
        String tokenName = row.getString("requested_by_token");
        return new OperationView(row.getUUID("id").toString(), row.getString("type"), row.getString("status"),
                row.getString("organisation"), row.getString("application"), row.getString("env_name"),
                row.getUUID("environment_id").toString(), time(row, "started_at"), time(row, "ended_at"),
                time(row, "deadline_at"), row.getString("failure_reason"), steps(row),
                tokenId == null && tokenName == null ? null
                        : new RequestedBy(tokenId == null ? null : tokenId.toString(), tokenName));
    }

    private static String time(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return EnvironmentDtos.timestamp(time);
    }

    private static List<Step> steps(Row row) {
        Object value = row.getValue("steps");
        JsonArray steps = value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
        List<Step> list = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            JsonObject step = steps.getJsonObject(i);
            list.add(new Step(step.getString("step"), step.getString("at")));
        }
        list.sort((a, b) -> a.at().compareTo(b.at()));
        return list;
    }
}
