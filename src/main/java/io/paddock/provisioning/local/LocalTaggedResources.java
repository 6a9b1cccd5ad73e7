package io.paddock.provisioning.local;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.provisioning.LedgerEntry;
import io.paddock.provisioning.ResourceKind;
import io.paddock.provisioning.TaggedResources;
import io.smallrye.mutiny.Uni;

/** The local cloud's resources of an environment: its inventory rows carry the environment's id. */
@ApplicationScoped
public class LocalTaggedResources implements TaggedResources {

    @Inject LocalInventory inventory;

    @Override
    public Uni<List<LedgerEntry>> of(UUID environmentId) {
        return inventory.ofEnvironment(environmentId)
                .map(resources -> resources.stream()
                        .map(r -> LedgerEntry.of(environmentId, kind(r.type()), r.id(), r.parentId(), r.name()))
                        .sorted(Comparator.comparingInt(e -> TEARDOWN_ORDER.indexOf(e.kind())))
                        .toList());
    }

    @Override
    public Uni<Map<UUID, List<LedgerEntry>>> all() {
        return inventory.ofAnyEnvironment()
                .map(resources -> resources.stream()
                        .map(r -> LedgerEntry.of(r.environmentId(), kind(r.type()), r.id(), r.parentId(), r.name()))
                        .sorted(Comparator.comparingInt(e -> TEARDOWN_ORDER.indexOf(e.kind())))
                        .collect(Collectors.groupingBy(LedgerEntry::environmentId, Collectors.toList())));
    }

    private static ResourceKind kind(LocalResourceType type) {
        return switch (type) {
            case SECURITY_GROUP -> ResourceKind.SECURITY_GROUP;
            case SECURITY_GROUP_RULE -> ResourceKind.SECURITY_GROUP_INGRESS;
            case TARGET_GROUP -> ResourceKind.TARGET_GROUP;
            case LISTENER_RULE -> ResourceKind.LISTENER_RULE;
            case FILE_SYSTEM -> ResourceKind.FILE_SYSTEM;
            case ACCESS_POINT -> ResourceKind.ACCESS_POINT;
            case MOUNT_TARGET -> ResourceKind.MOUNT_TARGET;
            case TASK_DEFINITION -> ResourceKind.TASK_DEFINITION;
            case SERVICE -> ResourceKind.SERVICE;
            case SCALABLE_TARGET -> ResourceKind.SCALABLE_TARGET;
            case LOG_GROUP -> ResourceKind.LOG_GROUP;
            case SECRET -> ResourceKind.SECRET;
            case SCHEDULE -> ResourceKind.SCHEDULE;
            case SCALING_POLICY -> ResourceKind.SCALING_POLICY;
        };
    }
}
