package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.paddock.provisioning.NetworkPort.CreateSecurityGroup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Membership of the security groups environments share: those of one application with
 * {@code enableCrossEnvNetworking}, those of one organisation with {@code enableCrossAppNetworking} (which wins).
 * PostgreSQL holds who is a member; the first member's join makes the group, the last member's leave deletes it.
 *
 * <p>Joins and leaves of one scope take a transaction-scoped advisory lock on it and keep their transaction open
 * over the provider calls, so they happen one after the other: two first members at once make one group (the
 * second finds the first's row), and a leave that deletes the group has either seen a concurrent join's row (and
 * keeps the group) or has finished deleting it and its row before the join looks (which makes a new one). A delete
 * the provider refuses (the group is still in use: DependencyViolation) rolls the leave back, membership included,
 * so the ledger row stays and the leave is tried again later.
 */
@ApplicationScoped
public class SharedGroups {

    private static final Logger LOG = Logger.getLogger(SharedGroups.class);
    private static final int NAME_MAX = 200;

    @Inject Pool pool;
    @Inject SharedGroupPort port;
    @Inject CloudCalls calls;
    @Inject CloudSite site;

    /** A scope: its key, the deterministic name of its group, the group's tags. */
    public record Scope(String key, String groupName, String description, Map<String, String> tags) {
    }

    /** One environment's membership: what its ledger row holds. */
    public record Membership(String scope, String groupId, UUID environmentId) {

        /** The ledger's provider id of the membership: unique per scope and environment. */
        public String providerId() {
            return scope + "#" + environmentId;
        }

        static UUID environmentOf(String providerId) {
            return UUID.fromString(providerId.substring(providerId.lastIndexOf('#') + 1));
        }
    }

    /** The scope the plan's environment shares a group in, or null when its tasks stay isolated. */
    public static Scope scopeOf(EnvironmentPlan plan) {
        Workload workload = plan.workload();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ResourceTags.ORGANISATION, plan.organisation());
        String key;
        String label;
        if (Boolean.TRUE.equals(workload.enableCrossAppNetworking())) {
            key = "organisation:" + plan.organisation();
            label = plan.organisation();
        } else if (Boolean.TRUE.equals(workload.enableCrossEnvNetworking())) {
            key = "application:" + plan.organisation() + "/" + plan.application();
            label = plan.organisation() + "-" + plan.application();
            tags.put(ResourceTags.APPLICATION, plan.application());
        } else {
            return null;
        }
        tags.put(ResourceTags.SHARED_SCOPE, key);
        String sanitised = ResourceNames.sanitise(label);
        String name = "paddock-shared-" + (sanitised.length() > NAME_MAX ? sanitised.substring(0, NAME_MAX) : sanitised)
                + "-" + ResourceNames.sha256(key).substring(0, 8);
        return new Scope(key, name, "Paddock shared network of " + key, Map.copyOf(tags));
    }

    /** Makes the environment a member of the scope's group, making the group when it has none. */
    public Uni<Membership> join(Scope scope, UUID environmentId) {
        return pool.withTransaction(connection -> lock(connection, scope.key())
                .chain(() -> groupOf(connection, scope.key()))
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(existing)
                        : calls.call(CloudOperation.CREATE_SECURITY_GROUP, () -> port.createSharedGroup(
                                        new CreateSecurityGroup(scope.groupName(), scope.description(), site.vpcId(),
                                                scope.tags())))
                                .call(group -> connection.preparedQuery("INSERT INTO shared_security_group"
                                                + " (scope, provider, group_id, group_name) VALUES ($1, $2, $3, $4)")
                                        .execute(Tuple.of(scope.key(), calls.provider(), group.groupId(),
                                                group.groupName())))
                                .map(NetworkPort.SecurityGroup::groupId))
                .call(groupId -> connection.preparedQuery("INSERT INTO shared_security_group_member (scope, environment_id)"
                                + " VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(scope.key(), environmentId)))
                .map(groupId -> new Membership(scope.key(), groupId, environmentId)));
    }

    /** Ends a membership recorded in the ledger (its provider id and scope); see {@link #leave(String, UUID)}. */
    Uni<Void> leave(LedgerEntry membership) {
        return leave(membership.name(), Membership.environmentOf(membership.providerId()));
    }

    /**
     * Ends the environment's membership of the scope; when no member is left, deletes the group (one already gone
     * counts as deleted) and its row.
     */
    public Uni<Void> leave(String scope, UUID environmentId) {
        return pool.withTransaction(connection -> lock(connection, scope)
                .chain(() -> connection.preparedQuery("DELETE FROM shared_security_group_member"
                                + " WHERE scope = $1 AND environment_id = $2")
                        .execute(Tuple.of(scope, environmentId)))
                .chain(() -> connection.preparedQuery("SELECT g.group_id, (SELECT count(*) FROM shared_security_group_member m"
                                + " WHERE m.scope = g.scope) AS members FROM shared_security_group g WHERE g.scope = $1")
                        .execute(Tuple.of(scope)))
                .chain(rows -> {
                    Row group = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    if (group == null || group.getLong("members") > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    String groupId = group.getString("group_id");
                    return calls.call(CloudOperation.DELETE_SECURITY_GROUP, () -> port.deleteSharedGroup(groupId))
                            .onFailure(ProviderException.NotFound.class).recoverWithNull()
                            .invoke(() -> LOG.infof("shared security group %s of %s deleted with its last member",
                                    groupId, scope))
                            .chain(() -> connection.preparedQuery("DELETE FROM shared_security_group WHERE scope = $1")
                                    .execute(Tuple.of(scope)))
                            .replaceWithVoid();
                }));
    }

    /**
     * Ends every membership the environment still has, one after the other: what a crash between a join and its
     * ledger row left behind.
     */
    public Uni<Void> leaveAll(UUID environmentId) {
        return pool.preparedQuery("SELECT scope FROM shared_security_group_member WHERE environment_id = $1")
                .execute(Tuple.of(environmentId))
                .chain(rows -> {
                    List<String> scopes = new ArrayList<>();
                    rows.forEach(row -> scopes.add(row.getString("scope")));
                    if (scopes.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return Multi.createFrom().iterable(scopes)
                            .onItem().transformToUniAndConcatenate(scope -> leave(scope, environmentId))
                            .collect().last()
                            .replaceWithVoid();
                });
    }

    /** The environments that are members of the scope's group, in the order they joined. */
    public Uni<List<UUID>> members(String scope) {
        return pool.preparedQuery("SELECT environment_id FROM shared_security_group_member WHERE scope = $1"
                        + " ORDER BY joined_at")
                .execute(Tuple.of(scope))
                .map(rows -> {
                    List<UUID> members = new ArrayList<>();
                    rows.forEach(row -> members.add(row.getUUID("environment_id")));
                    return members;
                });
    }

    private static Uni<Void> lock(SqlConnection connection, String scope) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("paddock-shared-security-group:" + scope))
                .replaceWithVoid();
    }

    private static Uni<String> groupOf(SqlConnection connection, String scope) {
        return connection.preparedQuery("SELECT group_id FROM shared_security_group WHERE scope = $1")
                .execute(Tuple.of(scope))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("group_id") : null);
    }
}
