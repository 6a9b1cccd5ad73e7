package io.paddock.provisioning.aws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.LedgerEntry;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.ResourceKind;
import io.paddock.provisioning.ResourceTags;
import io.paddock.provisioning.TaggedResources;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiAsyncClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * What AWS holds tagged with {@code paddock:environment-id}: the Resource Groups Tagging API's GetResources for
 * every kind it lists (target groups, listener rules, file systems, access points, task definitions, services, log
 * groups, secrets), and EC2's DescribeSecurityGroups with a tag filter for security groups (EC2's own answer is
 * consistent at once, the tagging API's a while after a create). Ingress rules and mount targets go with their
 * security group and file system, a service's scalable target is named after the service, and deregistered task
 * definition revisions are left out, as there is nothing to delete.
 */
@Singleton
@Typed(AwsTaggedResources.class)
public class AwsTaggedResources implements TaggedResources {

    /** GetResources' resource type filters for what Paddock makes (security groups come from EC2 itself). */
    static final List<String> RESOURCE_TYPES = List.of("elasticloadbalancing:targetgroup",
            "elasticloadbalancing:listener-rule", "elasticfilesystem:file-system", "elasticfilesystem:access-point",
            "ecs:task-definition", "ecs:service", "logs:log-group", "secretsmanager:secret");

    private record Found(UUID environmentId, LedgerEntry entry) {
    }

    @Inject ResourceGroupsTaggingApiAsyncClient tagging;
    @Inject Ec2AsyncClient ec2;
    @Inject EcsAsyncClient ecs;
    @Inject AwsCalls calls;
    @Inject AwsSettings settings;

    @Override
    public Uni<List<LedgerEntry>> of(UUID environmentId) {
        return search(Optional.of(environmentId)).map(found -> found.getOrDefault(environmentId, List.of()));
    }

    @Override
    public Uni<Map<UUID, List<LedgerEntry>>> all() {
        return search(Optional.empty());
    }

    private Uni<Map<UUID, List<LedgerEntry>>> search(Optional<UUID> environment) {
        return Uni.combine().all().unis(tagged(environment), securityGroups(environment))
                .with((tagged, groups) -> {
                    List<Found> all = new ArrayList<>(tagged);
                    all.addAll(groups);
                    return all;
                })
                .chain(this::withoutDeregisteredRevisions)
                .map(found -> {
                    Map<UUID, List<LedgerEntry>> byEnvironment = new HashMap<>();
                    found.forEach(one -> {
                        List<LedgerEntry> entries = byEnvironment.computeIfAbsent(one.environmentId(),
                                id -> new ArrayList<>());
                        entries.add(one.entry());
                        scalableTarget(one.entry()).ifPresent(entries::add);
                    });
                    byEnvironment.replaceAll((id, entries) -> entries.stream()
                            .sorted(Comparator.comparingInt(entry -> TEARDOWN_ORDER.indexOf(entry.kind())))
                            .toList());
                    return byEnvironment;
                });
    }

    private Uni<List<Found>> tagged(Optional<UUID> environment) {
        TagFilter filter = environment
                .map(id -> TagFilter.builder().key(ResourceTags.ENVIRONMENT_ID).values(id.toString()).build())
                .orElseGet(() -> TagFilter.builder().key(ResourceTags.ENVIRONMENT_ID).build());
        return calls.pages(CloudOperation.GET_RESOURCES, token -> tagging.getResources(get -> get
                        .tagFilters(filter)
                        .resourceTypeFilters(RESOURCE_TYPES)
                        .paginationToken(token)),
                page -> {
                    List<Found> found = new ArrayList<>();
                    for (ResourceTagMapping mapping : page.resourceTagMappingList()) {
                        Map<String, String> tags = new HashMap<>();
                        mapping.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                        UUID owner = environmentOf(tags);
                        Optional<LedgerEntry> entry = entry(owner, mapping.resourceARN());
                        if (owner != null && entry.isPresent()) {
                            found.add(new Found(owner, entry.get()));
                        }
                    }
                    return found;
                },
                GetResourcesResponse::paginationToken);
    }

    private Uni<List<Found>> securityGroups(Optional<UUID> environment) {
        Filter tag = environment
                .map(id -> Filter.builder().name("tag:" + ResourceTags.ENVIRONMENT_ID).values(id.toString()).build())
                .orElseGet(() -> Filter.builder().name("tag-key").values(ResourceTags.ENVIRONMENT_ID).build());
        return calls.call(CloudOperation.GET_RESOURCES, () -> ec2.describeSecurityGroups(describe -> describe
                        .filters(tag, Filter.builder().name("vpc-id").values(settings.vpcId()).build())))
                .map(answer -> {
                    List<Found> found = new ArrayList<>();
                    answer.securityGroups().forEach(group -> {
                        Map<String, String> tags = new HashMap<>();
                        group.tags().forEach(t -> tags.put(t.key(), t.value()));
                        UUID owner = environmentOf(tags);
                        if (owner != null) {
                            found.add(new Found(owner, LedgerEntry.of(owner, ResourceKind.SECURITY_GROUP, group.groupId(),
                                    null, group.groupName())));
                        }
                    });
                    return found;
                });
    }

    /** Keeps the task definition revisions that are still ACTIVE: a deregistered one has nothing left to delete. */
    private Uni<List<Found>> withoutDeregisteredRevisions(List<Found> found) {
        return Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate(one -> one.entry().kind() != ResourceKind.TASK_DEFINITION
                        ? Uni.createFrom().item(Optional.of(one))
                        : calls.call(CloudOperation.DESCRIBE_TASK_DEFINITION, () -> ecs.describeTaskDefinition(
                                        describe -> describe.taskDefinition(one.entry().providerId())))
                                .map(answer -> answer.taskDefinition().status() == TaskDefinitionStatus.ACTIVE
                                        ? Optional.of(one) : Optional.<Found>empty())
                                .onFailure(ProviderException.Terminal.class).recoverWithItem(Optional.empty()))
                .filter(Optional::isPresent)
                .map(Optional::get)
                .collect().asList();
    }

    /**
     * A service's scalable target, named by the service (Application Auto Scaling's targets are not listed by the
     * tagging API); deregistering one that is not there counts as done.
     */
    private static Optional<LedgerEntry> scalableTarget(LedgerEntry entry) {
        if (entry.kind() != ResourceKind.SERVICE) {
            return Optional.empty();
        }
        String resourceId = "service/" + entry.parentId() + "/" + entry.name();
        return Optional.of(LedgerEntry.of(entry.environmentId(), ResourceKind.SCALABLE_TARGET, resourceId, resourceId,
                null));
    }

    private static UUID environmentOf(Map<String, String> tags) {
        try {
            return ResourceTags.environmentOf(tags);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    /** The ledger entry an ARN stands for, with what its deletion also needs to name; empty for other kinds. */
    static Optional<LedgerEntry> entry(UUID environmentId, String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return Optional.empty();
        }
        String service = parts[2];
        String resource = parts[5];
        int end = 0;
        while (end < resource.length() && resource.charAt(end) != '/' && resource.charAt(end) != ':') {
            end++;
        }
        String type = resource.substring(0, end);
        String rest = resource.substring(Math.min(resource.length(), end + 1));
        return Optional.ofNullable(switch (service + ":" + type) {
            case "elasticloadbalancing:targetgroup" -> LedgerEntry.of(environmentId, ResourceKind.TARGET_GROUP, arn,
                    null, rest.split("/")[0]);
            case "elasticloadbalancing:listener-rule" -> LedgerEntry.of(environmentId, ResourceKind.LISTENER_RULE, arn,
                    arn.substring(0, arn.lastIndexOf('/')).replace(":listener-rule/", ":listener/"), null);
            case "elasticfilesystem:file-system" -> LedgerEntry.of(environmentId, ResourceKind.FILE_SYSTEM, rest, null,
                    null);
            case "elasticfilesystem:access-point" -> LedgerEntry.of(environmentId, ResourceKind.ACCESS_POINT, rest,
                    null, null);
            case "ecs:task-definition" -> LedgerEntry.of(environmentId, ResourceKind.TASK_DEFINITION, arn, null, rest);
            case "ecs:service" -> rest.contains("/")
                    ? LedgerEntry.of(environmentId, ResourceKind.SERVICE, arn, rest.substring(0, rest.indexOf('/')),
                            rest.substring(rest.indexOf('/') + 1))
                    : null;
            case "logs:log-group" -> LedgerEntry.of(environmentId, ResourceKind.LOG_GROUP,
                    rest.endsWith(":*") ? rest.substring(0, rest.length() - 2) : rest, null, null);
            case "secretsmanager:secret" -> LedgerEntry.of(environmentId, ResourceKind.SECRET, arn, null, null);
            default -> null;
        });
    }
}
