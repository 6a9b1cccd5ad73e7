package io.paddock.provisioning;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * What a provider holds for an environment, found by the environment tag every resource carries instead of
 * by the ledger. A process that dies after a create answered and before its ledger row was written leaves
 * such a resource; teardown sweeps them up once the ledger is empty.
 */
public interface TaggedResources {

    /**
     * The order resources are taken down in: what depends on others first (a schedule on its task definition, a
     * policy on its scalable target).
     */
    List<ResourceKind> TEARDOWN_ORDER = List.of(ResourceKind.SCHEDULE, ResourceKind.SCALING_POLICY,
            ResourceKind.SCALABLE_TARGET, ResourceKind.SERVICE, ResourceKind.SHARED_GROUP_MEMBERSHIP,
            ResourceKind.TASK_DEFINITION, ResourceKind.LISTENER_RULE,
            ResourceKind.TARGET_GROUP, ResourceKind.MOUNT_TARGET, ResourceKind.ACCESS_POINT, ResourceKind.FILE_SYSTEM, ResourceKind.SECURITY_GROUP_INGRESS,
            ResourceKind.SECURITY_GROUP, ResourceKind.SECRET, ResourceKind.LOG_GROUP);

    /**
     * The environment's resources as entries {@link ResourceDeletions} can delete (without a ledger row), in
     * {@link #TEARDOWN_ORDER}.
     */
    Uni<List<LedgerEntry>> of(UUID environmentId);

    /** Every resource the provider holds tagged with an environment, by that environment, each in {@link #TEARDOWN_ORDER}. */
    Uni<Map<UUID, List<LedgerEntry>>> all();
}
