package io.paddock.environments;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.paddock.auth.Caller;
import io.paddock.environments.Admission.Admitted;
import io.paddock.environments.Admission.LeftoversPending;
import io.paddock.environments.Admission.LimitReached;
import io.paddock.environments.Admission.NameTaken;
import io.paddock.environments.Admission.StageDisabled;
import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.environments.EnvironmentDtos.CreateEnvironmentRequest;
import io.paddock.environments.EnvironmentDtos.EnvironmentView;
import io.paddock.environments.EnvironmentDtos.UpdateEnvironmentRequest;
import io.paddock.environments.EnvironmentDtos.UpdateStateRequest;
import io.paddock.environments.EnvironmentTransitions.Deletion;
import io.paddock.errors.ApiException;
import io.paddock.errors.DatabaseErrors;
import io.paddock.errors.LogSafe;
import io.paddock.provisioning.CloudSite;
import io.paddock.provisioning.Provisioned;
import io.paddock.provisioning.Provisioning;
import io.smallrye.mutiny.Uni;

/**
 * Application environments' writes: create, update, state changes and delete. The rules of which change an
 * environment may take when are {@link EnvironmentTransitions}'; this service prepares each change, calls
 * provisioning outside any transaction, and hands the outcome back to it.
 */
@ApplicationScoped
public class EnvironmentService {

    private static final Logger LOG = Logger.getLogger(EnvironmentService.class);

    private static final Change UPDATE = Change.of("updated");
    private static final Change STOP = Change.of("stopped").as(OperationType.STATE);
    private static final Change START = Change.of("started").as(OperationType.STATE);
    private static final Change REDEPLOY = Change.of("redeployed").as(OperationType.STATE);

    @Inject EnvironmentTransitions transitions;
    @Inject EnvironmentChanges changes;
    @Inject EnvironmentViews views;
    @Inject Provisioning provisioning;
    @Inject StoredJson json;
    @Inject EnvironmentCronJobs cronJobs;
    @Inject EnvironmentRollOuts rollOuts;
    @Inject CloudSite site;
    @Inject PaddockConfig config;

    // ---- create

    public Uni<EnvironmentView> create(String organisation, String application, Caller caller,
            CreateEnvironmentRequest request) {
        return admitted(organisation, application, caller, request)
                .chain(started -> provision(started.recorded(), started.compose()));
    }

    /**
     * The create, answered as soon as the environment is recorded (CREATING) with its operation: provisioning goes
     * on in the background and ends as a synchronous create would, which the operation records.
     */
    public Uni<EnvironmentView> createAsync(String organisation, String application, Caller caller,
            CreateEnvironmentRequest request) {
        return admitted(organisation, application, caller, request)
                .map(started -> {
                    ApplicationEnvironment env = started.recorded().env();
                    provision(started.recorded(), started.compose())
                            .subscribe()
                            .with(ignored -> LOG.infof("environment %s created", env.id),
                                    failure -> LOG.infof("environment %s: create did not succeed: %s", env.id,
                                            LogSafe.text(failure.getMessage())));
                    return EnvironmentViews.view(env, EnvironmentStatus.CREATING, null, started.compose());
                });
    }

    private record Started(Recorded recorded, Compose compose) {
    }

    private Uni<Started> admitted(String organisation, String application, Caller caller,
            CreateEnvironmentRequest request) {
        if (!caller.mayUseEnvironment(organisation, request.envName())) {
            return Uni.createFrom().failure(ApiException.noAccess("Your token's scope is " + caller.scope()
                    + "; it cannot create an environment named " + request.envName() + "."));
        }
        if (request.cloneConfigurationFrom() != null && !caller.mayUseEnvironment(organisation, request.cloneConfigurationFrom())) {
            return Uni.createFrom().failure(ApiException.noAccess("Your token's scope is " + caller.scope()
                    + "; it cannot read the environment named in cloneConfigurationFrom."));
        }
        return source(organisation, application, request)
                .chain(source -> {
                    Compose compose = Composes.forCreate(source.compose(), request, site);
                    return admit(organisation, application, request, compose,
                            CreateVariables.of(request, source.variables()))
                            .map(admitted -> new Started(admitted, compose));
                });
    }

    /** What a create starts from: the request's compose, or the compose and variables of the environment it clones. */
    private record Source(Compose compose, List<EnvironmentVariable> variables) {
    }

    private Uni<Source> source(String organisation, String application, CreateEnvironmentRequest request) {
        if (request.cloneConfigurationFrom() == null) {
            return Uni.createFrom().item(new Source(request.composeDefinition(), List.of()));
        }
        EnvironmentKey source = new EnvironmentKey(organisation, application, request.cloneConfigurationFrom());
        return views.find(source)
                .onFailure(ApiException.class).recoverWithNull()
                .map(env -> {
                    if (env == null || !env.status.isLive()) {
                        throw ApiException.notFound("cloneConfigurationFrom names " + request.cloneConfigurationFrom()
                                + ", which is not an environment of application " + application
                                + ". Send the name of an existing environment, or a composeDefinition.");
                    }
                    return new Source(json.compose(env.compose), json.variables(env.variables));
                });
    }

    private record Recorded(ApplicationEnvironment env, Fence fence) {
    }

    private Uni<Recorded> admit(String organisation, String application, CreateEnvironmentRequest request,
            Compose compose, List<EnvironmentVariable> variables) {
        ApplicationEnvironment env = new ApplicationEnvironment();
        env.id = UUID.randomUUID();
        env.organisation = organisation;
        env.application = application;
        env.envName = request.envName();
        env.minCapacity = compose.minCapacity();
        env.maxCapacity = compose.maxCapacity();
        env.desiredCount = compose.minCapacity();
        env.cloneConfigurationFrom = request.cloneConfigurationFrom();
        env.imageSuffix = request.imageSuffix();
        env.compose = json.write(compose);
        env.variables = json.write(variables);
        return transitions.admit(env, config.limits().environmentsPerApplication())
                .map(admission -> switch (admission) {
                    case Admitted admitted -> new Recorded(env, admitted.fence());
                    case NameTaken ignored -> throw nameExists(application, request.envName());
                    case LeftoversPending ignored -> throw ApiException.conflict("EnvironmentBusyError", "The failed "
                            + "environment " + request.envName() + " of application " + application + " still has cloud "
                            + "resources its rollback could not delete, which are being removed. Create it again once "
                            + "they are gone, or choose another envName.");
                    case StageDisabled ignored -> throw ApiException.conflict("EnvironmentDisabledError", "The catalog "
                            + "environment " + request.envName() + " is disabled, so it takes no new environments. Switch "
                            + "it on (POST /api/admin/environments/" + request.envName() + "/on) or choose another envName.");
                    case LimitReached limit -> throw new ApiException(403, "EnvironmentLimitReached", "Application "
                            + application + " already has " + limit.liveCount() + " environments, the most one application "
                            + "may have (" + config.limits().environmentsPerApplication() + "). Delete one first.");
                })
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> nameExists(application, request.envName()));
    }

    private static ApiException nameExists(String application, String envName) {
        return ApiException.nameExists("Application " + application + " already has an environment named " + envName
                + ". Choose another envName, or delete that environment first.");
    }

    private Uni<EnvironmentView> provision(Recorded admitted, Compose compose) {
        ApplicationEnvironment env = admitted.env();
        return provisioning.create(ProvisioningPlans.plan(env, compose, json.variables(env.variables), env.desiredCount,
                        transitions.guard(admitted.fence())))
                .chain(provisioned -> {
                    String stored = json.write(provisioned);
                    return transitions.created(admitted.fence(), stored)
                            .map(settled -> {
                                if (settled == Settled.LEASE_LOST) {
                                    throw createLeaseLost(env.envName);
                                }
                                env.status = EnvironmentStatus.ACTIVE;
                                env.provisioned = stored;
                                return EnvironmentViews.view(env, env.status, provisioned, compose);
                            });
                })
                .onFailure(failure -> !(failure instanceof LeaseLost))
                .call(failure -> markFailed(admitted.fence(), failure))
                .onFailure()
                .transform(failure -> EnvironmentChanges.failed(failure, "Everything created for this environment was "
                        + "removed; fix the cause and create it again."));
    }

    /**
     * The create's lease ran out before its outcome was written (this replica could not renew it in time): a
     * reconciler has taken the environment over and rolls it back, so the create is answered as failed.
     */
    private static LeaseLost createLeaseLost(String envName) {
        return new LeaseLost("Environment " + envName + " was provisioned, but this replica's lease on it ran out "
                + "first; another replica is removing what was made and will mark it FAILED. Create it again once it is.");
    }

    private Uni<Void> markFailed(Fence fence, Throwable failure) {
        LOG.warnf("environment %s failed to provision: %s", fence.environmentId(), LogSafe.text(failure.getMessage()));
        return transitions.createFailed(fence, EnvironmentChanges.reason(failure), false)
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.errorf(e, "environment %s: could not record its failure", fence.environmentId()))
                .onFailure()
                .recoverWithNull();
    }

    // ---- update and state

    public Uni<Void> update(EnvironmentKey key, UpdateEnvironmentRequest request) {
        return update(key, env -> request).replaceWithVoid();
    }

    /**
     * The update path: {@code change} makes the request from the environment as it stands, under the row lock
     * (so it may read the stored compose without losing a concurrent change, and may refuse with an
     * {@link ApiException}); it is asked first on the stored row, so an invalid request is a 400 even while the
     * environment is busy. Answers with the compose being rolled out, once the environment is UPDATING; the
     * roll-out goes on in the background and ends ACTIVE (or STOPPED), or as it was when it fails.
     */
    public Uni<Compose> update(EnvironmentKey key, Function<ApplicationEnvironment, UpdateEnvironmentRequest> change) {
        return update(key, OperationType.UPDATE, change);
    }

    /** As {@link #update(EnvironmentKey, Function)}, its operation recorded as {@code type}. */
    public Uni<Compose> update(EnvironmentKey key, OperationType type,
            Function<ApplicationEnvironment, UpdateEnvironmentRequest> change) {
        return rollOuts.rollOut(key, UPDATE.as(type), env -> Composes.forUpdate(change.apply(env), env, site), env -> {
                    Compose next = Composes.forUpdate(change.apply(env), env, site);
                    env.compose = json.write(next);
                    env.minCapacity = next.minCapacity();
                    env.maxCapacity = next.maxCapacity();
                })
                .map(env -> json.compose(env.compose));
    }

    public Uni<Void> changeState(EnvironmentKey key, UpdateStateRequest request) {
        return switch (request.action()) {
            case "stop" -> changes.run(key, STOP, env -> {
            }, claim -> provisioning.scale(json.provisioned(claim.env().provisioned), 0),
                    (claim, ignored) -> Outcome.in(EnvironmentStatus.STOPPED).withDesiredCount(0));
            case "start" -> changes.run(key, START, env -> {
            }, claim -> provisioning.scale(json.provisioned(claim.env().provisioned), claim.env().minCapacity),
                    (claim, ignored) -> Outcome.in(EnvironmentStatus.ACTIVE).withDesiredCount(claim.env().minCapacity));
            default -> changes.run(key, REDEPLOY, env -> {
            }, claim -> redeploy(claim, request.imageTag()),
                    (claim, deployed) -> Outcome.as(claim)
                            .withCompose(json.write(deployed.compose()))
                            .withProvisioned(json.write(deployed.provisioned())))
                    .call(deployed -> cronJobs.followRevision(deployed.environmentId()))
                    .replaceWithVoid();
        };
    }

    private record Deployed(UUID environmentId, Compose compose, Provisioned provisioned) {
    }

    private Uni<Deployed> redeploy(Claim claim, String imageTag) {
        ApplicationEnvironment env = claim.env();
        Compose stored = json.compose(env.compose);
        Compose compose = imageTag == null ? stored : ImageTags.withTag(stored, imageTag);
        return provisioning.redeploy(changes.plan(claim, compose, env.desiredCount), json.provisioned(env.provisioned))
                .map(provisioned -> new Deployed(env.id, compose, provisioned));
    }

    // ---- delete

    /**
     * Deletes the environment: a FAILED one at once; any other is DELETING once this answers, its service is
     * stopping, and the rest is torn down in the background.
     */
    public Uni<Void> delete(EnvironmentKey key) {
        return transitions.beginDelete(key)
                .chain(deletion -> deletion instanceof Deletion.Deleting deleting
                        ? stopAndTearDown(deleting)
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> stopAndTearDown(Deletion.Deleting deleting) {
        ApplicationEnvironment env = deleting.env();
        Uni<Void> stopping = env.provisioned == null ? Uni.createFrom().voidItem()
                : provisioning.scale(json.provisioned(env.provisioned), 0)
                        .onFailure()
                        .invoke(e -> LOG.warnf("environment %s: could not stop its service before teardown: %s", env.id,
                                LogSafe.text(e.getMessage())))
                        .onFailure()
                        .recoverWithNull();
        // When the teardown fails, the lease is let go: it runs out and a reconciler finishes the job.
        return stopping.invoke(() -> provisioning.teardown(env.id, transitions.guard(deleting.fence()))
                .chain(() -> transitions.deleted(deleting.fence()))
                .onFailure()
                .invoke(() -> transitions.letGo(deleting.fence()))
                .subscribe()
                .with(ignored -> LOG.infof("environment %s torn down", env.id),
                        failure -> LOG.errorf(failure, "environment %s: teardown incomplete; what is left stays in its ledger",
                                env.id)));
    }
}
