package io.paddock.provisioning;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    @Inject NetworkPort network;
    @Inject VolumePort volumes;
    @Inject ContainerPort containers;
    @Inject SchedulePort schedules;
    @Inject ScalingPort scaling;
    @Inject CloudCalls calls;
    @Inject ResourceLedger ledger;
    @Inject CloudProvider provider;
    @Inject SharedGroups sharedGroups;

    /**
     * Deletes everything the environment has. Without a tag search, that is the ledger, newest first, until it
     * is empty. With one (see {@link TaggedResources}), what the provider holds tagged with the environment is
     * added to what the ledger holds (a resource whose create answered just before a crash has no ledger row),
     * and all of it goes in dependency order: what uses a resource before the resource. Last, the memberships of
     * shared security groups the environment still has (see {@link SharedGroups}).
     */
    public Uni<Void> deleteAll(UUID environmentId) {
        return deleteAll(environmentId, StepGuard.ALWAYS);
    }

    /**
     * {@link #deleteAll(UUID)} for a caller that holds the environment's lease: before each deletion it checks that it
     * still does, and stops with {@link Fenced} when another holder took the environment over (what is left stays in
     * the ledger, to the new holder).
     */
    public Uni<Void> deleteAll(UUID environmentId, StepGuard guard) {
        Uni<Void> recordedAndTagged = provider.taggedResources().isEmpty()
                ? deleteLedger(environmentId, guard)
                : ledger.entries(environmentId)
                        .chain(recorded -> provider.taggedResources().get().of(environmentId).map(found -> inDependencyOrder(recorded, found)))
                        .chain(entries -> deleteInOrder(entries, guard))
                        .chain(() -> deleteLedger(environmentId, guard));
        // A shared group membership a crash left without its ledger row is in the membership table.
        return recordedAndTagged.chain(() -> sharedGroups.leaveAll(environmentId));
    }

    /**
     * Deletes what the provider holds tagged with the environment that its ledger does not: what an operation
     * interrupted by a crash made and never recorded. For an environment that stays, every resource it uses is
     * in the ledger. Nothing to do without a tag search.
     */
    public Uni<Void> deleteUnrecorded(UUID environmentId) {
        if (provider.taggedResources().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ledger.entries(environmentId)
                .chain(recorded -> provider.taggedResources().get().of(environmentId)
                        .map(found -> inDependencyOrder(List.of(), unrecorded(recorded, found))))
                .chain(this::deleteInOrder);
    }

    /** The environments the provider holds tagged resources for, with how many each; none without a tag search. */
    public Uni<Map<UUID, Integer>> taggedEnvironments() {
        if (provider.taggedResources().isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return provider.taggedResources().get().all()
                .map(all -> all.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().size())));
    }

    /**
     * Deletes what carries the tag of an environment that no longer exists, with whatever its ledger still holds;
     * answers how many tagged resources were found and deleted.
     */
    public Uni<Integer> deleteOrphaned(UUID environmentId) {
        if (provider.taggedResources().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return ledger.entries(environmentId)
                .chain(recorded -> provider.taggedResources().get().of(environmentId)
                        .chain(found -> deleteInOrder(inDependencyOrder(recorded, found))
                                .chain(() -> deleteLedger(environmentId, StepGuard.ALWAYS))
                                .replaceWith(found.size())));
    }

    private static List<LedgerEntry> unrecorded(List<LedgerEntry> recorded, List<LedgerEntry> found) {
        Set<String> known = recorded.stream().map(ResourceDeletions::identity).collect(Collectors.toSet());
        return found.stream().filter(entry -> !known.contains(identity(entry))).toList();
    }

    /** A scalable target is known by the service it scales (a tag search can name it no other way). */
    private static String identity(LedgerEntry entry) {
        return entry.kind() == ResourceKind.SCALABLE_TARGET ? "scalable-target:" + entry.parentId() : entry.providerId();
    }

    private Uni<Void> deleteLedger(UUID environmentId, StepGuard guard) {
        return ledger.newest(environmentId)
                .chain(newest -> newest.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : guarded(newest.get(), guard, () -> deleteRecorded(newest.get()))
                                .chain(() -> deleteLedger(environmentId, guard)));
    }

    /**
     * A deletion that starts only while the lease is held. Only a lost lease stops it: a teardown, and the undo of an
     * operation that was cancelled or ran past its deadline, go on to their end.
     */
    private static Uni<Void> guarded(LedgerEntry entry, StepGuard guard, java.util.function.Supplier<Uni<Void>> deletion) {
        return Uni.createFrom().deferred(() -> guard.before(entry.kind().deletion().operationName()) != StepGuard.Verdict.FENCED
                ? deletion.get()
                : Uni.createFrom().failure(new Fenced(entry.kind().deletion())));
    }

    private static List<LedgerEntry> inDependencyOrder(List<LedgerEntry> recorded, List<LedgerEntry> found) {
        List<LedgerEntry> unrecorded = unrecorded(recorded, found);
        if (!unrecorded.isEmpty()) {
            LOG.warnf("environment %s: %d resources without a ledger row (a create's answer was lost); deleting them too",
                    unrecorded.get(0).environmentId(), unrecorded.size());
        }
        List<LedgerEntry> all = new java.util.ArrayList<>(recorded);
        all.addAll(unrecorded);
        all.sort(Comparator.<LedgerEntry>comparingInt(entry -> TaggedResources.TEARDOWN_ORDER.indexOf(entry.kind()))
                .thenComparing(entry -> entry.seq() == null ? Long.MAX_VALUE : entry.seq(), Comparator.reverseOrder()));
        return all;
    }

    /**
     * Deletes these entries one after the other, in the order given: with their ledger rows, or alone for the
     * entries of what the ledger does not hold.
     */
    public Uni<Void> deleteInOrder(List<LedgerEntry> entries) {
        return deleteInOrder(entries, StepGuard.ALWAYS);
    }

    private Uni<Void> deleteInOrder(List<LedgerEntry> entries, StepGuard guard) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> guarded(entry, guard,
                        () -> entry.seq() == null ? delete(entry) : deleteRecorded(entry)))
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

    /** Deletes the resource {@code entry} names, and its ledger row when the ledger has one. */
    public Uni<Void> deleteWithRow(LedgerEntry entry) {
        return ledger.find(entry.kind(), entry.providerId())
                .chain(row -> row.isPresent() ? deleteRecorded(row.get()) : delete(entry));
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
                    case SCHEDULE -> schedules.deleteSchedule(entry.providerId());
                    case SCALING_POLICY -> scaling.deleteScalingPolicy(entry.parentId(), entry.name());
                    case SHARED_GROUP_MEMBERSHIP -> sharedGroups.leave(entry);
                })
                .onFailure(ProviderException.Retryable.class).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(ATTEMPTS - 1)
                .onFailure(ProviderException.NotFound.class).recoverWithNull()
                .replaceWithVoid();
    }
}
