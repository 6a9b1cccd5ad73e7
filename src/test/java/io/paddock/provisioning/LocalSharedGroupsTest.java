package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.paddock.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Cross-environment and cross-application networking on the local provider. */
@QuarkusTest
class LocalSharedGroupsTest {

    @Inject
    Provisioning provisioning;
    @Inject
    ProvisioningTestSupport support;
    @Inject
    SharedGroups sharedGroups;
    @Inject
    Pool pool;

    @Test
    void environmentsOfOneApplicationCreatedAtOnceShareOneGroupThatGoesWithTheLast() {
        String application = Api.unique("net");
        List<EnvironmentPlan> plans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            plans.add(Plans.plan(Plans.networked(true, false), "acme", application));
        }
        List<Provisioned> made = support.await(() -> Uni.join().all(plans.stream()
                .map(plan -> provisioning.create(plan)).toList()).andFailFast());

        String scope = "application:acme/" + application;
        List<Row> groups = sharedGroupsNamed(application);
        assertEquals(1, groups.size(), groups.toString());
        String shared = groups.get(0).getString("id");
        assertEquals("-1", groups.get(0).getJsonObject("attributes").getJsonObject("ingress").getString("protocol"));
        assertEquals(plans.stream().map(EnvironmentPlan::environmentId).sorted().toList(),
                members(scope).stream().sorted().toList());
        for (int i = 0; i < made.size(); i++) {
            assertEquals(List.of(made.get(i).securityGroup().id(), shared), securityGroupsOf(made.get(i)));
            assertTrue(support.ledgerKinds(plans.get(i).environmentId()).contains("SHARED_GROUP_MEMBERSHIP"));
        }

        for (int i = 0; i < plans.size() - 1; i++) {
            UUID id = plans.get(i).environmentId();
            support.await(() -> provisioning.teardown(id));
            assertTrue(support.inInventory(shared), "the group goes with the last member only");
        }
        UUID last = plans.get(plans.size() - 1).environmentId();
        support.await(() -> provisioning.teardown(last));
        assertFalse(support.inInventory(shared));
        assertEquals(List.of(), members(scope));
        assertEquals(0, rows("SELECT * FROM shared_security_group WHERE scope = $1", scope).size());
    }

    @Test
    void crossApplicationNetworkingSharesOneGroupAcrossTheOrganisationAndOverridesCrossEnvironment() {
        String organisation = Api.unique("org");
        EnvironmentPlan shop = Plans.plan(Plans.networked(true, true), organisation, "shop");
        EnvironmentPlan blog = Plans.plan(Plans.networked(false, true), organisation, "blog");
        Provisioned shopMade = support.await(() -> provisioning.create(shop));
        Provisioned blogMade = support.await(() -> provisioning.create(blog));

        String shared = securityGroupsOf(shopMade).get(1);
        assertEquals(shared, securityGroupsOf(blogMade).get(1));
        assertEquals(List.of(shop.environmentId(), blog.environmentId()), members("organisation:" + organisation));

        support.await(() -> provisioning.teardown(shop.environmentId()));
        support.await(() -> provisioning.teardown(blog.environmentId()));
        assertFalse(support.inInventory(shared));
    }

    @Test
    void withoutTheFlagsTheTasksStayInTheirOwnGroupAndTurningTheFlagOffLeavesTheSharedOne() {
        String application = Api.unique("net");
        EnvironmentPlan isolated = Plans.plan(Plans.networked(false, false), "acme", application);
        Provisioned alone = support.await(() -> provisioning.create(isolated));
        assertEquals(List.of(alone.securityGroup().id()), securityGroupsOf(alone));
        assertFalse(support.ledgerKinds(isolated.environmentId()).contains("SHARED_GROUP_MEMBERSHIP"));

        Provisioned joined = support.await(() -> provisioning.update(Plans.with(isolated, Plans.networked(true, false)),
                alone));
        List<String> groups = securityGroupsOf(joined);
        assertEquals(2, groups.size(), groups.toString());
        String shared = groups.get(1);
        assertEquals(List.of(isolated.environmentId()), members("application:acme/" + application));

        Provisioned left = support.await(() -> provisioning.update(Plans.with(isolated, Plans.networked(false, false)),
                joined));
        assertEquals(List.of(alone.securityGroup().id()), securityGroupsOf(left));
        assertFalse(support.inInventory(shared), "the last member's leave deletes the group");
        assertFalse(support.ledgerKinds(isolated.environmentId()).contains("SHARED_GROUP_MEMBERSHIP"));
        support.await(() -> provisioning.teardown(isolated.environmentId()));
    }

    @Test
    void aLeaveTheProviderRefusesBecauseTheGroupIsInUseKeepsTheMembership() {
        String application = Api.unique("net");
        EnvironmentPlan plan = Plans.plan(Plans.networked(true, false), "acme", application);
        Provisioned made = support.await(() -> provisioning.create(plan));
        String scope = "application:acme/" + application;
        String shared = securityGroupsOf(made).get(1);

        // The service still runs with the group: the provider refuses to delete it, and the leave is undone.
        ProvisioningTestSupport.Outcome<Void> refused = support.run(() -> sharedGroups.leave(scope, plan.environmentId()));
        assertTrue(refused.failure() instanceof ProviderException.Retryable, String.valueOf(refused.failure()));
        assertEquals(List.of(plan.environmentId()), members(scope));
        assertTrue(support.inInventory(shared));

        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertFalse(support.inInventory(shared));
    }

    @Test
    void aMemberJoiningWhileTheLastOneLeavesKeepsAGroupThatExists() {
        String application = Api.unique("net");
        String scope = "application:acme/" + application;
        for (int round = 0; round < 3; round++) {
            EnvironmentPlan leaving = Plans.plan(Plans.networked(true, false), "acme", application);
            support.await(() -> provisioning.create(leaving));
            EnvironmentPlan joining = Plans.plan(Plans.networked(true, false), "acme", application);

            List<Object> both = support.await(() -> Uni.join().all(
                    provisioning.teardown(leaving.environmentId()).map(ignored -> (Object) "gone"),
                    provisioning.create(joining).map(made -> (Object) made)).andFailFast());

            Provisioned joined = (Provisioned) both.get(1);
            String shared = securityGroupsOf(joined).get(1);
            assertTrue(support.inInventory(shared), "round " + round + ": the joiner's group was deleted");
            assertEquals(List.of(joining.environmentId()), members(scope));
            support.await(() -> provisioning.teardown(joining.environmentId()));
            assertFalse(support.inInventory(shared));
        }
    }

    private List<UUID> members(String scope) {
        return support.await(() -> sharedGroups.members(scope));
    }

    private List<String> securityGroupsOf(Provisioned made) {
        JsonObject service = support.inventoryRow(made.service().arn()).getJsonObject("attributes");
        return service.getJsonArray("securityGroups").stream().map(String::valueOf).toList();
    }

    private List<Row> sharedGroupsNamed(String application) {
        return rows("SELECT * FROM local_cloud_resource WHERE type = 'security-group' AND environment_id IS NULL"
                + " AND name LIKE $1", "paddock-shared-acme-" + application + "-%");
    }

    private List<Row> rows(String sql, Object parameter) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().forEach(rows::add);
        return rows;
    }
}
