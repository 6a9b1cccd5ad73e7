package io.paddock.provisioning;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the resource ledger. {@code seq} and {@code createdAt} are null until the row is written.
 * {@code parentId} is what the deletion also has to name (see {@link ResourceKind}): the security group of
 * an ingress rule, the cluster of a service, the {@code service/<cluster>/<name>} of a scalable target.
 */
public record LedgerEntry(
        Long seq,
        UUID environmentId,
        ResourceKind kind,
        String provider,
        String providerId,
        String parentId,
        String name,
        OffsetDateTime createdAt) {

    public static LedgerEntry of(UUID environmentId, ResourceKind kind, String providerId, String parentId, String name) {
        return new LedgerEntry(null, environmentId, kind, null, providerId, parentId, name, null);
    }
}
