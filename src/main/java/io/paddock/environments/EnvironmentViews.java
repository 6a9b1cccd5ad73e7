package io.paddock.environments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.paddock.auth.Caller;
import io.paddock.environments.EnvironmentDtos.AlbRouting;
import io.paddock.environments.EnvironmentDtos.EnvironmentView;
import io.paddock.environments.EnvironmentDtos.VolumeView;
import io.paddock.provisioning.Provisioned;
import io.paddock.provisioning.Provisioning;
import io.paddock.provisioning.ServiceState;
import io.paddock.web.CallerContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Application environments as clients read them: found by name, with their counts refreshed from the provider
 * and their cron jobs, mapped to the API's bodies.
 */
@ApplicationScoped
public class EnvironmentViews {

    private static final Logger LOG = Logger.getLogger(EnvironmentViews.class);

    @Inject ApplicationEnvironmentRepository repository;
    @Inject Provisioning provisioning;
    @Inject StoredJson json;
    @Inject EnvironmentCronJobs cronJobs;
    @Inject OperationStatements operations;
    @Inject RunningCounts counts;
    @Inject ShownDocuments documents;
    @Inject PaddockConfig config;

    /** The environment {@code key} names as stored (the live one, else the newest FAILED one), or its 404. */
    public Uni<ApplicationEnvironment> find(EnvironmentKey key) {
        return Panache.withSession(() -> repository.findVisible(key))
                .map(key::found);
    }

    public Uni<EnvironmentView> get(EnvironmentKey key) {
        return find(key)
                .chain(env -> refresh(List.of(Shown.of(env))))
                .map(views -> views.get(0));
    }

    /** The compose definition the environment runs, as validated and defaulted. */
    public Uni<Compose> compose(EnvironmentKey key) {
        return find(key).map(env -> json.compose(env.compose));
    }

    /**
     * The environments of the application that the caller may see. Read in one statement on the SQL client, without
     * a Hibernate session: a list may hold a thousand environments, and only the columns the body shows are read.
     */
    public Uni<List<EnvironmentView>> list(String organisation, String application, Caller caller) {
        if (!caller.mayUseOrganisation(organisation)) {
            return Uni.createFrom().item(List.of());
        }
        return repository.listShown(organisation, application, caller.environment(), documents.known())
                .chain(this::refresh);
    }

    /**
     * An environment as a GET shows it, with what its body needs besides the row: its stored compose (whose container
     * names it shows), its latest deploying operation when {@code latestRead} (else it is read here), whether it may
     * have cron jobs to show, its row version ({@link ShownDocuments#UNKNOWN_VERSION} when not read) and, when that
     * version's documents were made into parts before, those parts. The row of a list holds only the columns the body
     * shows (see {@link ApplicationEnvironmentRepository#listShown}): not every field of {@code env} is filled in.
     */
    record Shown(ApplicationEnvironment env, String compose, OperationStatements.Latest latest, boolean latestRead,
            boolean mayHaveCron, long rowVersion, ShownDocuments.Parts parts) {

        static Shown of(ApplicationEnvironment env) {
            return new Shown(env, env.compose, null, false, true, ShownDocuments.UNKNOWN_VERSION, null);
        }
    }

    /**
     * Asks the provider for the running environments' counts (those it reported within the status cache's TTL are
     * reused), many services per call and all calls at once, for at most the refresh timeout; an environment whose
     * answer does not come in time keeps its stored values. What changed is stored in one statement.
     */
    private Uni<List<EnvironmentView>> refresh(List<Shown> shown) {
        if (shown.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<UUID, ServiceState> byEnvironment = new HashMap<>();
        // Each stored document is parsed once (and again only when it changes), for the provider's question and the
        // view alike.
        ShownDocuments.Parts[] parts = new ShownDocuments.Parts[shown.size()];
        List<ApplicationEnvironment> running = new ArrayList<>();
        List<Provisioned> runningProvisioned = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            ApplicationEnvironment env = shown.get(i).env();
            Shown one = shown.get(i);
            parts[i] = one.parts() != null ? one.parts() : documents.of(env, one.compose(), one.rowVersion());
            if (env.provisioned == null || !env.status.hasService()) {
                continue;
            }
            ServiceState cached = counts.fresh(env.id);
            if (cached != null) {
                byEnvironment.put(env.id, cached);
            } else {
                running.add(env);
                runningProvisioned.add(parts[i].provisioned());
            }
        }
        List<ServiceState> unknown = Collections.nCopies(running.size(), null);
        long askedAt = counts.asking();
        Uni<List<ServiceState>> described = running.isEmpty()
                ? Uni.createFrom().item(List.of())
                : provisioning.describeAll(runningProvisioned)
                        .invoke(results -> {
                            for (int i = 0; i < running.size(); i++) {
                                counts.reported(running.get(i).id, results.get(i), askedAt);
                            }
                        })
                        .ifNoItem().after(config.environments().refreshTimeout()).recoverWithItem(unknown)
                        .onFailure().invoke(e -> LOG.debugf("provider did not report counts: %s", e.getMessage()))
                        .onFailure().recoverWithItem(unknown);
        // A timed-out describe completes on Mutiny's timer thread, an SDK's answer on the SDK's thread: come back to
        // this request's context before the database is used again.
        return described
                .emitOn(CallerContext.capture())
                .chain(results -> {
                    for (int i = 0; i < running.size(); i++) {
                        if (results.get(i) != null) {
                            byEnvironment.put(running.get(i).id, results.get(i));
                        }
                    }
                    List<ApplicationEnvironment> changed = new ArrayList<>();
                    for (Shown one : shown) {
                        ApplicationEnvironment env = one.env();
                        ServiceState state = byEnvironment.get(env.id);
                        if (state != null && (env.runningCount != state.runningCount() || env.desiredCount != state.desiredCount())) {
                            env.runningCount = state.runningCount();
                            env.desiredCount = state.desiredCount();
                            changed.add(env);
                        }
                    }
                    return storeCounts(changed);
                })
                .chain(() -> operations.latest(shown.stream().filter(one -> !one.latestRead())
                        .map(one -> one.env().id).toList()))
                .chain(latest -> cronJobs.summaries(shown.stream().filter(Shown::mayHaveCron)
                        .map(one -> one.env().id).toList())
                        .map(cron -> {
                            List<EnvironmentView> views = new ArrayList<>(shown.size());
                            for (int i = 0; i < shown.size(); i++) {
                                Shown one = shown.get(i);
                                ApplicationEnvironment env = one.env();
                                EnvironmentStatus status = shownStatus(env.status, byEnvironment.get(env.id));
                                OperationStatements.Latest operation = one.latestRead() ? one.latest() : latest.get(env.id);
                                views.add(view(env, status, deployment(status, env.failure, operation), parts[i],
                                        cron.getOrDefault(env.id, List.of())));
                            }
                            return views;
                        }));
    }

    /**
     * What a GET shows: a settled environment whose service is rolling out a deployment is UPDATING. Only
     * shown, never stored, so it cannot keep the environment from its next change.
     */
    private static EnvironmentStatus shownStatus(EnvironmentStatus stored, ServiceState state) {
        if (state != null && state.deploymentInProgress() && stored == EnvironmentStatus.ACTIVE) {
            return EnvironmentStatus.UPDATING;
        }
        return stored;
    }

    private Uni<Void> storeCounts(List<ApplicationEnvironment> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.storeCounts(changed)
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.debugf("refreshed counts not stored: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    EnvironmentView view(ApplicationEnvironment env, EnvironmentStatus status) {
        return view(env, status, env.provisioned == null ? null : json.provisioned(env.provisioned),
                json.compose(env.compose));
    }

    static EnvironmentView view(ApplicationEnvironment env, EnvironmentStatus status, Provisioned p, Compose compose) {
        return view(env, status, deployment(status, env.failure), new ShownDocuments.Parts(p,
                volumes(p).stream().map(VolumeView::of).toList(), containerNames(compose),
                EnvironmentDtos.timestamp(env.createdAt), EnvironmentDtos.timestamp(env.updatedAt)), List.of());
    }

    private static EnvironmentView view(ApplicationEnvironment env, EnvironmentStatus status, Deployment deployment,
            ShownDocuments.Parts parts, List<EnvironmentDtos.CronView> cron) {
        Provisioned p = parts.provisioned();
        return new EnvironmentView(env.id.toString(), env.envName, status.name(), env.runningCount, env.desiredCount, env.minCapacity,
                env.maxCapacity, null, deployment.status(), deployment.failureType(), deployment.failureReason(),
                env.cloneConfigurationFrom, env.imageSuffix,
                p == null ? null : p.taskDefinition(), p == null ? null : p.service(), p == null ? null : p.loadBalancer(),
                p == null ? null : p.securityGroup(), p == null ? null : p.subnet(), p == null ? null : p.vpc(),
                parts.containerNames(), parts.volumes(), cron, AlbRouting.of(p == null ? null : p.loadBalancer()),
                parts.createdAt(), parts.updatedAt());
    }

    /** How the latest create or change went, as Quant's deploymentStatus and its failure fields say it. */
    public record Deployment(String status, String failureType, String failureReason) {
    }

    /**
     * From the environment's latest operation that deploys something: running (or a service still rolling out, shown
     * UPDATING) is IN_PROGRESS, succeeded COMPLETED; failed, cancelled or timed out is FAILED with its reason, typed
     * CREATE_FAILED or CHANGE_FAILED, CANCELLED or TIMED_OUT. An environment without a recorded operation is read
     * from its status and failure.
     */
    static Deployment deployment(EnvironmentStatus shown, String failure, OperationStatements.Latest latest) {
        if (latest == null || shown == EnvironmentStatus.CREATING || shown == EnvironmentStatus.UPDATING
                || shown == EnvironmentStatus.DELETING) {
            return deployment(shown, failure);
        }
        return switch (latest.status()) {
            case "SUCCEEDED" -> new Deployment(EnvironmentDtos.COMPLETED, null, null);
            case "CANCELLED", "TIMED_OUT" -> new Deployment(EnvironmentDtos.FAILED, latest.status(), latest.failureReason());
            case "FAILED" -> new Deployment(EnvironmentDtos.FAILED, latest.type() == OperationType.CREATE
                    ? EnvironmentDtos.CREATE_FAILED : EnvironmentDtos.CHANGE_FAILED, latest.failureReason());
            default -> new Deployment(EnvironmentDtos.IN_PROGRESS, null, null);
        };
    }

    /**
     * Work in flight is IN_PROGRESS (also a settled environment shown UPDATING while its service rolls out); a
     * FAILED environment's create failed; a settled one with a failure recorded had its latest change undone (a
     * change that succeeds clears the failure); anything else COMPLETED.
     */
    static Deployment deployment(EnvironmentStatus shown, String failure) {
        return switch (shown) {
            case CREATING, UPDATING, DELETING -> new Deployment(EnvironmentDtos.IN_PROGRESS, null, null);
            case FAILED -> new Deployment(EnvironmentDtos.FAILED, EnvironmentDtos.CREATE_FAILED, failure);
            case ACTIVE, STOPPED -> failure == null
                    ? new Deployment(EnvironmentDtos.COMPLETED, null, null)
                    : new Deployment(EnvironmentDtos.FAILED, EnvironmentDtos.CHANGE_FAILED, failure);
        };
    }

    private static List<String> containerNames(Compose compose) {
        return compose == null || compose.containers() == null ? List.of()
                : compose.containers().stream().map(Compose.Container::name).toList();
    }

    /** The environment's volumes as provisioned; none before it is. */
    public static List<Provisioned.VolumeRef> volumes(Provisioned p) {
        return p == null || p.volumes() == null ? List.of() : p.volumes();
    }
}
