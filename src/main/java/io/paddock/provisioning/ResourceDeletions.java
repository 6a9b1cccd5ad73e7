package io.paddock.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Deletes what the ledger holds: each resource with the operation its kind names, "not found" taken as done,
 * retryable failures (throttling, eventual consistency) retried a few times, and the ledger row removed once
 * the resource is gone.
 */
@ApplicationScoped
public class ResourceDeletions {

    private static final Logger LOG = Logger.getLogger(ResourceDeletions.class);
    private static final int ATTEMPTS = 4;

    private final NetworkPort network;
    private final VolumePort volumes;
    private final ContainerPort containers;
    private final CloudCalls calls;
    private final ResourceLedger ledger;
    private final Optional<TaggedResources> tagged;

    ResourceDeletions(NetworkPort network, VolumePort volumes, ContainerPort containers, CloudCalls calls,
            ResourceLedger ledger, CloudProvider provider) {
        this.network = network;
        this.volumes = volumes;
        this.containers = containers;
        this.calls = calls;
        this.ledger = ledger;
        this.tagged = provider.taggedResources();
    }

    /**
     * Deletes everything the environment's ledger holds, newest first, until it is empty; then whatever the
     * provider still holds tagged with the environment (see {@link TaggedResources}).
     */
    public Uni<Void> deleteAll(UUID environmentId) {
        return ledger.newest(environmentId)
                .chain(newest -> newest.isEmpty()
                        ? sweep(environmentId)
                        : deleteRecorded(newest.get()).chain(() -> deleteAll(environmentId)));
    }

    private Uni<Void> sweep(UUID environmentId) {
        if (tagged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tagged.get().of(environmentId)
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf("environment %s: %d resources without a ledger row (a create's answer was lost); deleting them",
                            environmentId, found.size());
                    return Multi.createFrom().iterable(found)
                            .onItem().transformToUniAndConcatenate(this::delete)
                            .collect().last()
                            .replaceWithVoid();
                });
    }

    /** Deletes these entries one after the other, in the order given. */
    public Uni<Void> deleteInOrder(List<LedgerEntry> entries) {
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(this::deleteRecorded)
                .collect().last()
                .replaceWithVoid();
    }

    /** Deletes the resource and then its ledger row. */
    public Uni<Void> deleteRecorded(LedgerEntry entry) {
        return delete(entry)
                .invoke(() -> LOG.debugf("deleted %s %s of environment %s", entry.kind(), entry.providerId(),
                        entry.environmentId()))
                .chain(() -> ledger.remove(entry.seq()));
    }

    /** Deletes the resource an entry names; "not found" counts as deleted. */
    public Uni<Void> delete(LedgerEntry entry) {
        CloudOperation operation = entry.kind().deletion();
        return calls.call(operation, () -> switch (entry.kind()) {
                    case SECURITY_GROUP -> network.deleteSecurityGroup(entry.providerId());
                    case SECURITY_GROUP_INGRESS -> network.revokeSecurityGroupIngress(entry.parentId(), entry.providerId());
                    case TARGET_GROUP -> network.deleteTargetGroup(entry.providerId());
                    case LISTENER_RULE -> network.deleteRule(entry.providerId());
                    case FILE_SYSTEM -> volumes.deleteFileSystem(entry.providerId());
                    case ACCESS_POINT -> volumes.deleteAccessPoint(entry.providerId());
                    case MOUNT_TARGET -> volumes.deleteMountTarget(entry.providerId());
                    case TASK_DEFINITION -> containers.deregisterTaskDefinition(entry.providerId());
                    case SERVICE -> containers.deleteService(entry.parentId(), entry.providerId());
                    case SCALABLE_TARGET -> containers.deregisterScalableTarget(entry.parentId());
                    case LOG_GROUP -> containers.deleteLogGroup(entry.providerId());
                    case SECRET -> containers.deleteSecret(entry.providerId());
                })
                .onFailure(ResourceDeletions::isRetryable).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(ATTEMPTS - 1)
                .onFailure(ResourceDeletions::isNotFound).recoverWithNull()
                .replaceWithVoid();
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof ProviderException provider && provider.isNotFound();
    }

    private static boolean isRetryable(Throwable failure) {
        return failure instanceof ProviderException provider && provider.isRetryable() && !provider.isNotFound();
    }
}
