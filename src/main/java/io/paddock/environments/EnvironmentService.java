package io.paddock.environments;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.paddock.auth.Caller;
import io.paddock.catalog.CatalogEnvironmentRepository;
import io.paddock.environments.EnvironmentDtos.CreateEnvironmentRequest;
import io.paddock.environments.EnvironmentDtos.CreateVolumeRequest;
import io.paddock.environments.EnvironmentDtos.EnvironmentView;
import io.paddock.environments.EnvironmentDtos.UpdateEnvironmentRequest;
import io.paddock.environments.EnvironmentDtos.UpdateStateRequest;
import io.paddock.environments.EnvironmentDtos.VolumeView;
import io.paddock.errors.ApiException;
import io.paddock.errors.DatabaseErrors;
import io.paddock.errors.LogSafe;
import io.paddock.provisioning.CallerContext;
import io.paddock.provisioning.EnvironmentPlan;
import io.paddock.provisioning.Provisioned;
import io.paddock.provisioning.Provisioning;
import io.paddock.provisioning.ProvisioningFailedException;
import io.paddock.provisioning.ServiceState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Application environments: their rules, their records, and the calls to provisioning. Database work
 * happens in short transactions of its own; a cloud call never runs inside the transaction that makes
 * an environment visible, so a failure can always be recorded.
 */
@ApplicationScoped
public class EnvironmentService {

    private static final Logger LOG = Logger.getLogger(EnvironmentService.class);

    private final ApplicationEnvironmentRepository repository;
    private final CatalogEnvironmentRepository catalog;
    private final Provisioning provisioning;
    private final EnvironmentLeases leases;
    private final StoredJson json;
    private final CronJobService cronJobs;
    private final int environmentLimit;
    private final Duration refreshTimeout;

    EnvironmentService(ApplicationEnvironmentRepository repository, CatalogEnvironmentRepository catalog,
            Provisioning provisioning, EnvironmentLeases leases, StoredJson json, CronJobService cronJobs,
            PaddockConfig config) {
        this.repository = repository;
        this.catalog = catalog;
        this.provisioning = provisioning;
        this.leases = leases;
        this.json = json;
        this.cronJobs = cronJobs;
        this.environmentLimit = config.limits().environmentsPerApplication();
        this.refreshTimeout = config.environments().refreshTimeout();
    }

    // ---- create

    public Uni<EnvironmentView> create(String organisation, String application, Caller caller,
            CreateEnvironmentRequest request) {
        if (!caller.mayUseEnvironment(organisation, request.envName())) {
            return Uni.createFrom().failure(ApiException.noAccess("Your token's scope is " + caller.scope()
                    + "; it cannot create an environment named " + request.envName() + "."));
        }
        if (request.cloneConfigurationFrom() != null && !caller.mayUseEnvironment(organisation, request.cloneConfigurationFrom())) {
            return Uni.createFrom().failure(ApiException.noAccess("Your token's scope is " + caller.scope()
                    + "; it cannot read the environment named in cloneConfigurationFrom."));
        }
        return sourceCompose(organisation, application, request)
                .map(source -> prepareCompose(source, request))
                .chain(compose -> insertCreating(organisation, application, request, compose)
                        .chain(env -> provision(env, compose)));
    }

    private Uni<Compose> sourceCompose(String organisation, String application, CreateEnvironmentRequest request) {
        if (request.cloneConfigurationFrom() == null) {
            return Uni.createFrom().item(request.composeDefinition());
        }
        return Panache.withSession(() -> repository.findVisible(organisation, application, request.cloneConfigurationFrom()))
                .map(source -> {
                    if (source == null || !source.status.isLive()) {
                        throw ApiException.notFound("cloneConfigurationFrom names " + request.cloneConfigurationFrom()
                                + ", which is not an environment of application " + application
                                + ". Send the name of an existing environment, or a composeDefinition.");
                    }
                    return readCompose(source);
                });
    }

    private Compose prepareCompose(Compose source, CreateEnvironmentRequest request) {
        Compose compose = source.withDefaults();
        if (request.imageSuffix() != null) {
            compose = ImageTags.withSuffix(compose, request.imageSuffix());
        }
        int min = firstOf(request.minCapacity(), compose.minCapacity(), 1);
        int max = firstOf(request.maxCapacity(), compose.maxCapacity(), Math.max(min, 1));
        if (min > max) {
            String path = request.minCapacity() != null ? "/minCapacity" : "/maxCapacity";
            throw ApiException.validation(path, "makes minCapacity (" + min + ") more than maxCapacity (" + max
                    + "); send values with minCapacity <= maxCapacity");
        }
        if (request.spotConfiguration() != null) {
            compose = new Compose(compose.containers(), compose.architecture(), compose.taskCpu(), compose.taskMemory(),
                    compose.taskRoleArn(), compose.minCapacity(), compose.maxCapacity(), request.spotConfiguration());
        }
        int[] size = ComposeValidator.resolveTaskSize(compose);
        return compose.withTaskSize(size[0], size[1]).withCapacity(min, max);
    }

    private Uni<ApplicationEnvironment> insertCreating(String organisation, String application,
            CreateEnvironmentRequest request, Compose compose) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ApplicationEnvironment env = new ApplicationEnvironment();
        env.id = UUID.randomUUID();
        env.organisation = organisation;
        env.application = application;
        env.envName = request.envName();
        env.status = EnvironmentStatus.CREATING;
        env.minCapacity = compose.minCapacity();
        env.maxCapacity = compose.maxCapacity();
        env.desiredCount = compose.minCapacity();
        env.cloneConfigurationFrom = request.cloneConfigurationFrom();
        env.imageSuffix = request.imageSuffix();
        env.compose = write(compose);
        env.createdAt = now;
        env.updatedAt = now;
        leases.hold(env);
        return repository.insertCreating(env, environmentLimit)
                .map(outcome -> switch (outcome.outcome()) {
                    case "created" -> env;
                    case "name-exists" -> throw nameExists(application, request.envName());
                    case "catalog-disabled" -> throw ApiException.conflict("EnvironmentDisabledError", "The catalog environment "
                            + request.envName() + " is disabled, so it takes no new environments. Switch it on "
                            + "(POST /api/admin/environments/" + request.envName() + "/on) or choose another envName.");
                    case "limit-reached" -> throw new ApiException(403, "EnvironmentLimitReached", "Application " + application
                            + " already has " + outcome.liveCount() + " environments, the most one application may have ("
                            + environmentLimit + "). Delete one first.");
                    default -> throw new IllegalStateException("insert_creating_environment answered " + outcome.outcome());
                })
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> nameExists(application, request.envName()))
                .onFailure()
                .invoke(() -> leases.forget(env.id));
    }

    private static ApiException nameExists(String application, String envName) {
        return ApiException.nameExists("Application " + application + " already has an environment named " + envName
                + ". Choose another envName, or delete that environment first.");
    }

    private Uni<EnvironmentView> provision(ApplicationEnvironment env, Compose compose) {
        EnvironmentPlan plan = plan(env, compose, env.desiredCount);
        return provisioning.create(plan)
                .chain(provisioned -> {
                    String stored = write(provisioned);
                    return repository.settleCreating(env.id, leases.owner(), EnvironmentStatus.ACTIVE, stored, null,
                                    OffsetDateTime.now(ZoneOffset.UTC))
                            .map(settled -> {
                                if (!settled) {
                                    throw leaseLost(env);
                                }
                                env.status = EnvironmentStatus.ACTIVE;
                                env.provisioned = stored;
                                return view(env, env.status, provisioned);
                            });
                })
                .onFailure()
                .call(failure -> markFailed(env.id, failure))
                .onFailure()
                .transform(EnvironmentService::provisioningFailure)
                .eventually(() -> leases.forget(env.id));
    }

    /**
     * The create's lease ran out before its outcome was written (this replica could not renew it in time): a
     * reconciler has claimed the environment and rolls it back, so the create is answered as failed.
     */
    private static ApiException leaseLost(ApplicationEnvironment env) {
        return new ApiException(503, "ProvisioningInterrupted", "Environment " + env.envName + " was provisioned, but "
                + "this replica's lease on it ran out first; another replica is removing what was made and will mark "
                + "it FAILED. Create it again once it is.");
    }

    private Uni<Void> markFailed(UUID id, Throwable failure) {
        LOG.warnf("environment %s failed to provision: %s", id, LogSafe.text(failure.getMessage()));
        return repository.settleCreating(id, leases.owner(), EnvironmentStatus.FAILED, null, failure.getMessage(),
                        OffsetDateTime.now(ZoneOffset.UTC))
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.errorf(e, "environment %s: could not record its failure", id))
                .onFailure()
                .recoverWithNull();
    }

    static Throwable provisioningFailure(Throwable failure) {
        if (failure instanceof ProvisioningFailedException p) {
            return new ApiException(502, "ProvisioningFailed", "Provisioning failed at " + p.step() + ": "
                    + (p.providerCode() == null ? "" : p.providerCode() + ": ") + p.providerMessage()
                    + ". Everything created for this environment was removed; fix the cause and create it again.");
        }
        return failure;
    }

    // ---- read

    public Uni<EnvironmentView> get(String organisation, String application, String envName) {
        return Panache.withSession(() -> repository.findVisible(organisation, application, envName))
                .map(env -> found(env, application, envName))
                .chain(env -> refresh(List.of(env)))
                .map(views -> views.get(0));
    }

    /** The compose definition the environment runs, as validated and defaulted. */
    public Uni<Compose> compose(String organisation, String application, String envName) {
        return Panache.withSession(() -> repository.findVisible(organisation, application, envName))
                .map(env -> readCompose(found(env, application, envName)));
    }

    public Uni<List<EnvironmentView>> list(String organisation, String application, Caller caller) {
        return Panache.withSession(() -> repository.listVisible(organisation, application))
                .map(envs -> envs.stream().filter(e -> caller.mayUseEnvironment(organisation, e.envName)).toList())
                .chain(this::refresh);
    }

    /**
     * Asks the provider for the running environments' counts, a batch of services per call and all batches at
     * once, for at most the refresh timeout; an environment whose answer does not come in time keeps its stored
     * values. What changed is stored in one transaction.
     */
    private Uni<List<EnvironmentView>> refresh(List<ApplicationEnvironment> envs) {
        if (envs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<ApplicationEnvironment> running = envs.stream().filter(EnvironmentService::reportsCounts).toList();
        List<ServiceState> unknown = Collections.nCopies(running.size(), null);
        Uni<List<ServiceState>> described = running.isEmpty()
                ? Uni.createFrom().item(List.of())
                : provisioning.describeAll(running.stream().map(this::readProvisioned).toList())
                        .ifNoItem().after(refreshTimeout).recoverWithItem(unknown)
                        .onFailure().invoke(e -> LOG.debugf("provider did not report counts: %s", e.getMessage()))
                        .onFailure().recoverWithItem(unknown);
        // A timed-out describe completes on Mutiny's timer thread: come back to this request's context
        // before Hibernate Reactive is used again.
        return described
                .emitOn(CallerContext.capture())
                .chain(results -> {
                    Map<UUID, ServiceState> byEnvironment = new HashMap<>();
                    for (int i = 0; i < running.size(); i++) {
                        if (results.get(i) != null) {
                            byEnvironment.put(running.get(i).id, results.get(i));
                        }
                    }
                    List<ApplicationEnvironment> changed = new ArrayList<>();
                    List<EnvironmentView> views = new ArrayList<>();
                    for (ApplicationEnvironment env : envs) {
                        ServiceState state = byEnvironment.get(env.id);
                        if (state != null && (env.runningCount != state.runningCount() || env.desiredCount != state.desiredCount())) {
                            env.runningCount = state.runningCount();
                            env.desiredCount = state.desiredCount();
                            changed.add(env);
                        }
                        views.add(view(env, shownStatus(env.status, state)));
                    }
                    return storeCounts(changed).replaceWith(views);
                })
                .chain(views -> cronJobs.summaries(envs.stream().map(env -> env.id).toList())
                        .map(cron -> {
                            List<EnvironmentView> withCron = new ArrayList<>();
                            for (int i = 0; i < envs.size(); i++) {
                                withCron.add(views.get(i).withCron(cron.getOrDefault(envs.get(i).id, List.of())));
                            }
                            return withCron;
                        }));
    }

    private static boolean reportsCounts(ApplicationEnvironment env) {
        return env.provisioned != null && (env.status == EnvironmentStatus.ACTIVE
                || env.status == EnvironmentStatus.UPDATING || env.status == EnvironmentStatus.STOPPED);
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

    // ---- update and state

    public Uni<Void> update(String organisation, String application, String envName, UpdateEnvironmentRequest request) {
        return update(organisation, application, envName, env -> request).replaceWithVoid();
    }

    /**
     * The update path: {@code change} makes the request from the environment as it stands, under the row lock
     * (so it may read the stored compose without losing a concurrent change, and may refuse with an
     * {@link ApiException}). Answers with the compose being rolled out, once the environment is UPDATING.
     */
    Uni<Compose> update(String organisation, String application, String envName,
            Function<ApplicationEnvironment, UpdateEnvironmentRequest> change) {
        record Prepared(ApplicationEnvironment env, EnvironmentStatus previousStatus, String previousCompose,
                int previousMin, int previousMax, Compose compose) {
        }
        return Panache.withTransaction(() -> repository.findVisibleForUpdate(organisation, application, envName)
                .map(env -> {
                    found(env, application, envName);
                    requireSettled(env, "updated");
                    UpdateEnvironmentRequest request = change.apply(env);
                    Compose compose = request.composeDefinition().withDefaults();
                    int min = firstOf(request.minCapacity(), compose.minCapacity(), env.minCapacity);
                    int max = firstOf(request.maxCapacity(), compose.maxCapacity(), env.maxCapacity);
                    if (min > max) {
                        throw ApiException.validation(request.minCapacity() != null ? "/minCapacity" : "/composeDefinition/minCapacity",
                                "makes minCapacity (" + min + ") more than maxCapacity (" + max + ")");
                    }
                    int[] size = ComposeValidator.resolveTaskSize(compose);
                    compose = compose.withTaskSize(size[0], size[1]).withCapacity(min, max);
                    Prepared prepared = new Prepared(env, env.status, env.compose, env.minCapacity, env.maxCapacity, compose);
                    env.status = EnvironmentStatus.UPDATING;
                    leases.hold(env);
                    env.compose = write(compose);
                    env.minCapacity = min;
                    env.maxCapacity = max;
                    env.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return prepared;
                }))
                .invoke(prepared -> {
                    ApplicationEnvironment env = prepared.env();
                    boolean stopped = prepared.previousStatus() == EnvironmentStatus.STOPPED;
                    int desired = stopped ? 0 : Math.clamp(env.desiredCount, env.minCapacity, env.maxCapacity);
                    provisioning.update(plan(env, prepared.compose(), desired), readProvisioned(env))
                            .chain(provisioned -> Panache.withTransaction(() -> repository.findById(env.id)
                                    .invoke(stored -> {
                                        stored.provisioned = write(provisioned);
                                        stored.status = stopped ? EnvironmentStatus.STOPPED : EnvironmentStatus.ACTIVE;
                                        stored.desiredCount = desired;
                                        stored.failure = null;
                                        leases.release(stored);
                                        stored.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                                    }))
                                    .call(() -> cronJobs.followRevision(env.id)))
                            .onFailure()
                            .call(failure -> Panache.withTransaction(() -> repository.findById(env.id)
                                    .invoke(stored -> {
                                        LOG.warnf("environment %s: update failed, previous compose kept: %s", env.id,
                                                LogSafe.text(failure.getMessage()));
                                        stored.status = prepared.previousStatus();
                                        stored.compose = prepared.previousCompose();
                                        stored.minCapacity = prepared.previousMin();
                                        stored.maxCapacity = prepared.previousMax();
                                        stored.failure = failure.getMessage();
                                        leases.release(stored);
                                        stored.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                                    })))
                            .eventually(() -> leases.forget(env.id))
                            .subscribe()
                            .with(ignored -> LOG.infof("environment %s updated", env.id),
                                    failure -> LOG.errorf(failure, "environment %s: update did not complete", env.id));
                })
                .map(Prepared::compose);
    }

    public Uni<Void> changeState(String organisation, String application, String envName, UpdateStateRequest request) {
        Uni<?> changed = switch (request.action()) {
            case "stop" -> change(organisation, application, envName, "stopped", env -> {
            }, env -> provisioning.scale(readProvisioned(env), 0), (stored, ignored) -> {
                stored.status = EnvironmentStatus.STOPPED;
                stored.desiredCount = 0;
            });
            case "start" -> change(organisation, application, envName, "started", env -> {
            }, env -> provisioning.scale(readProvisioned(env), env.minCapacity), (stored, ignored) -> {
                stored.status = EnvironmentStatus.ACTIVE;
                stored.desiredCount = stored.minCapacity;
            });
            default -> change(organisation, application, envName, "redeployed", env -> {
            }, env -> redeploy(env, request.imageTag()), (stored, deployed) -> {
                stored.compose = write(deployed.compose());
                stored.provisioned = write(deployed.provisioned());
            });
        };
        return changed
                .call(() -> "redeploy".equals(request.action())
                        ? environmentId(organisation, application, envName)
                                .chain(id -> id == null ? Uni.createFrom().voidItem() : cronJobs.followRevision(id))
                        : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    private Uni<UUID> environmentId(String organisation, String application, String envName) {
        return Panache.withSession(() -> repository.findVisible(organisation, application, envName))
                .map(env -> env == null ? null : env.id);
    }

    private record Deployed(Compose compose, Provisioned provisioned) {
    }

    private Uni<Deployed> redeploy(ApplicationEnvironment env, String imageTag) {
        Compose compose = imageTag == null ? readCompose(env) : ImageTags.withTag(readCompose(env), imageTag);
        return provisioning.redeploy(plan(env, compose, env.desiredCount), readProvisioned(env))
                .map(provisioned -> new Deployed(compose, provisioned));
    }

    /**
     * A change that needs the cloud. The environment is claimed (UPDATING, so other changes are refused
     * meanwhile) in a short transaction; the cloud is called outside any transaction, since it takes as
     * long as the provider does; then the outcome is recorded. On failure the previous status comes back
     * and nothing else changes.
     */
    <T> Uni<T> change(String organisation, String application, String envName, String what,
            Consumer<ApplicationEnvironment> check, Function<ApplicationEnvironment, Uni<T>> cloud,
            BiConsumer<ApplicationEnvironment, T> record) {
        record Claimed(ApplicationEnvironment env, EnvironmentStatus previous) {
        }
        return Panache.withTransaction(() -> repository.findVisibleForUpdate(organisation, application, envName)
                .map(env -> {
                    found(env, application, envName);
                    requireSettled(env, what);
                    check.accept(env);
                    Claimed claimed = new Claimed(env, env.status);
                    env.status = EnvironmentStatus.UPDATING;
                    leases.hold(env);
                    env.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return claimed;
                }))
                .chain(claimed -> cloud.apply(claimed.env())
                        .chain(result -> Panache.withTransaction(() -> repository.findById(claimed.env().id)
                                .invoke(stored -> {
                                    stored.status = claimed.previous();
                                    record.accept(stored, result);
                                    stored.failure = null;
                                    leases.release(stored);
                                    stored.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                                }))
                                .replaceWith(result))
                        .onFailure()
                        .call(failure -> restore(claimed.env().id, claimed.previous(), failure))
                        .eventually(() -> leases.forget(claimed.env().id)))
                .onFailure()
                .transform(EnvironmentService::provisioningFailure);
    }

    private Uni<Void> restore(UUID id, EnvironmentStatus previous, Throwable failure) {
        LOG.warnf("environment %s: change failed, status back to %s: %s", id, previous, LogSafe.text(failure.getMessage()));
        return Panache.withTransaction(() -> repository.findById(id)
                .invoke(stored -> {
                    stored.status = previous;
                    stored.failure = failure.getMessage();
                    leases.release(stored);
                    stored.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                }))
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.errorf(e, "environment %s: could not restore its status", id))
                .onFailure()
                .recoverWithNull();
    }

    // ---- delete

    public Uni<Void> delete(String organisation, String application, String envName) {
        return Panache.withTransaction(() -> repository.findVisibleForUpdate(organisation, application, envName)
                .chain(env -> {
                    found(env, application, envName);
                    if (env.status == EnvironmentStatus.CREATING) {
                        throw ApiException.conflict("EnvironmentBusyError", "Environment " + envName
                                + " is still being created. Delete it once its status is ACTIVE or FAILED.");
                    }
                    if (env.status == EnvironmentStatus.FAILED) {
                        // Nothing of a failed environment runs: its record goes, whatever its stage.
                        return repository.delete(env).replaceWith((ApplicationEnvironment) null);
                    }
                    return catalog.rulesFor(envName)
                            .chain(rules -> {
                                if (rules.forbidsDeletion()) {
                                    throw ApiException.conflict("ProtectedEnvironmentError", "Environment " + envName
                                            + " belongs to the protected catalog stage " + envName
                                            + ", so it cannot be deleted.");
                                }
                                env.status = EnvironmentStatus.DELETING;
                                env.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                                leases.hold(env);
                                return Uni.createFrom().item(env);
                            });
                }))
                .chain(env -> env == null ? Uni.createFrom().voidItem() : stopAndTearDown(env));
    }

    private Uni<Void> stopAndTearDown(ApplicationEnvironment env) {
        Uni<Void> stopping = env.provisioned == null ? Uni.createFrom().voidItem()
                : provisioning.scale(readProvisioned(env), 0)
                        .onFailure()
                        .invoke(e -> LOG.warnf("environment %s: could not stop its service before teardown: %s", env.id,
                                LogSafe.text(e.getMessage())))
                        .onFailure()
                        .recoverWithNull();
        // When the teardown fails, the lease is let go: it runs out and a reconciler finishes the job.
        return stopping.invoke(() -> provisioning.teardown(env.id)
                .chain(() -> Panache.withTransaction(() -> repository.deleteById(env.id)))
                .eventually(() -> leases.forget(env.id))
                .subscribe()
                .with(ignored -> LOG.infof("environment %s torn down", env.id),
                        failure -> LOG.errorf(failure, "environment %s: teardown incomplete; what is left stays in its ledger",
                                env.id)));
    }

    // ---- volumes

    public Uni<List<VolumeView>> listVolumes(String organisation, String application, String envName) {
        return Panache.withSession(() -> repository.findVisible(organisation, application, envName))
                .map(env -> volumes(found(env, application, envName)).stream().map(VolumeView::of).toList());
    }

    public Uni<VolumeView> getVolume(String organisation, String application, String envName, String volume) {
        return Panache.withSession(() -> repository.findVisible(organisation, application, envName))
                .map(env -> VolumeView.of(findVolume(found(env, application, envName), volume)));
    }

    public Uni<VolumeView> createVolume(String organisation, String application, String envName, CreateVolumeRequest request) {
        String root = request.rootDirectory() == null ? "/" + request.volumeName() : request.rootDirectory();
        return change(organisation, application, envName, "given a volume", env -> {
            if (volumes(env).stream().anyMatch(v -> v.volumeName().equals(request.volumeName()))) {
                throw ApiException.nameExists("Environment " + envName + " already has a volume named "
                        + request.volumeName() + ". Choose another volumeName.");
            }
        }, env -> provisioning.addVolume(plan(env, readCompose(env), env.desiredCount), readProvisioned(env),
                request.volumeName(), request.description(), root),
                (stored, provisioned) -> stored.provisioned = write(provisioned))
                .map(provisioned -> VolumeView.of(provisioned.volumes().stream()
                        .filter(v -> v.volumeName().equals(request.volumeName()))
                        .findFirst()
                        .orElseThrow()));
    }

    public Uni<Void> deleteVolume(String organisation, String application, String envName, String volume) {
        return change(organisation, application, envName, "changed", env -> {
            Provisioned.VolumeRef ref = findVolume(env, volume);
            if (readCompose(env).mountedVolumes().contains(ref.volumeName())) {
                throw ApiException.conflict("VolumeInUseError", "Volume " + ref.volumeName()
                        + " is mounted by a container of environment " + envName
                        + ". Remove its mount points with an environment update first.");
            }
        }, env -> provisioning.removeVolume(readProvisioned(env), findVolume(env, volume).volumeName()),
                (stored, provisioned) -> stored.provisioned = write(provisioned))
                .replaceWithVoid();
    }

    private List<Provisioned.VolumeRef> volumes(ApplicationEnvironment env) {
        if (env.provisioned == null) {
            return List.of();
        }
        List<Provisioned.VolumeRef> volumes = readProvisioned(env).volumes();
        return volumes == null ? List.of() : volumes;
    }

    private Provisioned.VolumeRef findVolume(ApplicationEnvironment env, String volume) {
        return volumes(env).stream()
                .filter(v -> volume.equals(v.accessPointId()) || volume.equals(v.volumeName()))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Environment " + env.envName + " has no volume " + volume
                        + ". GET its volumes to see their ids and names."));
    }

    // ---- helpers

    static ApplicationEnvironment found(ApplicationEnvironment env, String application, String envName) {
        if (env == null) {
            throw ApiException.notFound("Application " + application + " has no environment named " + envName + ".");
        }
        return env;
    }

    private static void requireSettled(ApplicationEnvironment env, String what) {
        switch (env.status) {
            case ACTIVE, STOPPED -> {
            }
            case UPDATING -> throw ApiException.conflict("EnvironmentBusyError", "Environment " + env.envName
                    + " is being updated and cannot be " + what + " until that finishes. Try again shortly.");
            case CREATING -> throw ApiException.conflict("EnvironmentBusyError", "Environment " + env.envName
                    + " is still being created and cannot be " + what + " yet.");
            default -> throw ApiException.conflict("EnvironmentFailedError", "Environment " + env.envName
                    + " failed to provision and cannot be " + what + ". Delete it or create it again.");
        }
    }

    private static EnvironmentPlan plan(ApplicationEnvironment env, Compose compose, int desiredCount) {
        return new EnvironmentPlan(env.id, env.organisation, env.application, env.envName, compose, desiredCount);
    }

    private EnvironmentView view(ApplicationEnvironment env) {
        return view(env, env.status);
    }

    private EnvironmentView view(ApplicationEnvironment env, EnvironmentStatus status) {
        return view(env, status, env.provisioned == null ? null : readProvisioned(env));
    }

    private static EnvironmentView view(ApplicationEnvironment env, EnvironmentStatus status, Provisioned p) {
        List<VolumeView> volumes = p == null || p.volumes() == null ? List.of()
                : p.volumes().stream().map(VolumeView::of).toList();
        return new EnvironmentView(env.envName, status.name(), env.runningCount, env.desiredCount, env.minCapacity,
                env.maxCapacity, env.cloneConfigurationFrom, env.imageSuffix,
                p == null ? null : p.taskDefinition(), p == null ? null : p.service(), p == null ? null : p.loadBalancer(),
                p == null ? null : p.securityGroup(), p == null ? null : p.subnet(), p == null ? null : p.vpc(),
                volumes, List.of());
    }

    Compose readCompose(ApplicationEnvironment env) {
        return json.compose(env.compose);
    }

    Provisioned readProvisioned(ApplicationEnvironment env) {
        return json.provisioned(env.provisioned);
    }

    private String write(Object value) {
        return json.write(value);
    }

    private static int firstOf(Integer first, Integer second, int fallback) {
        return first != null ? first : second != null ? second : fallback;
    }
}
