package io.paddock.cron;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.paddock.cron.CronDtos.CreateCronJobRequest;
import io.paddock.cron.CronDtos.CronJobView;
import io.paddock.cron.CronDtos.CronRunView;
import io.paddock.cron.CronDtos.UpdateCronJobRequest;
import io.paddock.environments.EnvironmentDtos;
import io.paddock.environments.EnvironmentDtos.CronView;
import io.paddock.errors.ApiException;
import io.paddock.errors.DatabaseErrors;
import io.paddock.errors.LogSafe;
import io.paddock.provisioning.Provisioned;
import io.paddock.provisioning.SchedulePort.RunsQuery;
import io.paddock.provisioning.SchedulePort.ScheduleRequest;
import io.paddock.provisioning.SchedulePort.TaskRun;
import io.paddock.provisioning.Schedules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.ApplicationEnvironmentRepository;
import io.paddock.environments.Compose;
import io.paddock.environments.Change;
import io.paddock.environments.OperationType;
import io.paddock.environments.EnvironmentChanges;
import io.paddock.environments.EnvironmentCronJobs;
import io.paddock.environments.EnvironmentKey;
import io.paddock.environments.EnvironmentTransitions;
import io.paddock.environments.StoredJson;

/**
 * Cron jobs of application environments: their rules, their rows, and their schedules. As for environments, a
 * cloud call never runs inside a database transaction. A create first reserves the name (a row without a
 * schedule, which is not shown), then creates the schedule, then completes the row; when the schedule cannot
 * be made the row goes again, so nothing is half-written. Changes need an ACTIVE environment (a delete, a
 * STOPPED one too).
 */
@ApplicationScoped
public class CronJobService implements EnvironmentCronJobs {

    private static final Logger LOG = Logger.getLogger(CronJobService.class);
    /** Longer than a create takes: the call timeout and the settle timeout are minutes at most. */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(15);

    private static final Change CREATE = Change.activeOnly("created").about("its cron jobs").as(OperationType.CRON);
    private static final Change CHANGE = Change.activeOnly("changed").about("its cron jobs").as(OperationType.CRON);
    private static final Change DELETE = Change.of("deleted").about("its cron jobs").as(OperationType.CRON);

    @Inject ApplicationEnvironmentRepository environments;
    @Inject EnvironmentTransitions transitions;
    @Inject CronJobRepository jobs;
    @Inject Schedules schedules;
    @Inject StoredJson json;

    // ---- read

    public Uni<List<CronJobView>> list(EnvironmentKey key) {
        return Panache.withSession(() -> environments.findVisible(key)
                .chain(env -> jobs.listShown(key.found(env).id)))
                .map(list -> list.stream().map(this::view).toList());
    }

    public Uni<CronJobView> get(EnvironmentKey key, String name) {
        return Panache.withSession(() -> environments.findVisible(key)
                .chain(env -> jobs.findShown(key.found(env).id, name)))
                .map(job -> view(shown(job, key.envName(), name)));
    }

    /** The jobs of each environment as its body lists them (Quant's Cron). */
    @Override
    public Uni<Map<UUID, List<CronView>>> summaries(List<UUID> environmentIds) {
        if (environmentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> jobs.listShown(environmentIds))
                .map(list -> {
                    Map<UUID, List<CronView>> byEnvironment = new LinkedHashMap<>();
                    for (CronJob job : list) {
                        byEnvironment.computeIfAbsent(job.environmentId, id -> new ArrayList<>())
                                .add(new CronView(job.name, job.description, job.scheduleExpression, command(job),
                                        job.targetContainerName, job.enabled));
                    }
                    return byEnvironment;
                });
    }

    // ---- create

    public Uni<CronJobView> create(EnvironmentKey key, CreateCronJobRequest request) {
        String envName = key.envName();
        record Reserved(ApplicationEnvironment env, CronJob job) {
        }
        return Panache.withTransaction(() -> transitions.lockFor(key, CREATE)
                .chain(env -> {
                    String container = container(env, request.targetContainerName());
                    return jobs.findAny(env.id, request.name())
                            .chain(existing -> {
                                if (existing == null) {
                                    return Uni.createFrom().voidItem();
                                }
                                if (!abandoned(existing)) {
                                    throw nameTaken(envName, request.name());
                                }
                                LOG.warnf("cron job %s of environment %s: taking over a create that never finished",
                                        existing.name, env.id);
                                return jobs.delete(existing).chain(jobs::flush);
                            })
                            .chain(() -> {
                                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                                CronJob job = new CronJob();
                                job.id = UUID.randomUUID();
                                job.environmentId = env.id;
                                job.name = request.name();
                                job.description = request.description();
                                job.scheduleExpression = request.scheduleExpression();
                                job.command = json.write(request.command());
                                job.targetContainerName = container;
                                job.enabled = request.isEnabled() == null || request.isEnabled();
                                job.scheduleName = Schedules.scheduleName(env.id, job.name);
                                job.createdAt = now;
                                job.updatedAt = now;
                                return jobs.persistAndFlush(job).map(made -> new Reserved(env, made));
                            });
                }))
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> nameTaken(envName, request.name()))
                .chain(reserved -> schedules.create(reserved.env().id, scheduleRequest(reserved.env(), reserved.job()))
                        .chain(arn -> Panache.withTransaction(() -> jobs.findById(reserved.job().id)
                                        .invoke(stored -> {
                                            if (stored != null) {
                                                stored.scheduleArn = arn;
                                            }
                                        }))
                                .chain(stored -> stored != null ? Uni.createFrom().item(stored)
                                        // The environment was deleted meanwhile, and its jobs with it.
                                        : schedules.delete(arn).chain(() -> Uni.createFrom().<CronJob>failure(
                                                ApiException.notFound("Environment " + envName
                                                        + " was deleted while the cron job was being created.")))))
                        .onFailure().call(failure -> forget(reserved.job().id))
                        .onFailure().transform(failure -> EnvironmentChanges.failed(failure, "The cron job was not created and nothing of it"
                                + " was left; fix the cause and create it again.")))
                .map(this::view);
    }

    /**
     * A reservation whose create never finished (its replica died between the reservation and the schedule):
     * older than any create takes. Its schedule, if one was made, is in the ledger, and the provider's create finds
     * it by its name.
     */
    private boolean abandoned(CronJob job) {
        return job.scheduleArn == null && job.updatedAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(ABANDONED_AFTER));
    }

    private Uni<Void> forget(UUID jobId) {
        return Panache.withTransaction(() -> jobs.deleteById(jobId))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.errorf(e, "cron job %s: its reserved row could not be removed", jobId))
                .onFailure().recoverWithNull();
    }

    // ---- update

    public Uni<CronJobView> update(EnvironmentKey key, String name, UpdateCronJobRequest request) {
        String envName = key.envName();
        record Prepared(ApplicationEnvironment env, CronJob next) {
        }
        return Panache.withTransaction(() -> transitions.lockFor(key, CHANGE)
                .chain(env -> {
                    return jobs.findShown(env.id, name).map(job -> {
                        shown(job, envName, name);
                        CronJob next = copy(job);
                        if (request.description() != null) {
                            next.description = request.description();
                        }
                        if (request.scheduleExpression() != null) {
                            next.scheduleExpression = request.scheduleExpression();
                        }
                        if (request.command() != null) {
                            next.command = json.write(request.command());
                        }
                        if (request.targetContainerName() != null) {
                            next.targetContainerName = container(env, request.targetContainerName());
                        }
                        if (request.isEnabled() != null) {
                            next.enabled = request.isEnabled();
                        }
                        return new Prepared(env, next);
                    });
                }))
                .chain(prepared -> schedules.update(scheduleRequest(prepared.env(), prepared.next()))
                        .onFailure().transform(failure -> EnvironmentChanges.failed(failure, "The cron job was left as it was."))
                        .chain(() -> Panache.withTransaction(() -> jobs.findById(prepared.next().id)
                                .map(stored -> {
                                    CronJob next = prepared.next();
                                    shown(stored, envName, name);
                                    stored.description = next.description;
                                    stored.scheduleExpression = next.scheduleExpression;
                                    stored.command = next.command;
                                    stored.targetContainerName = next.targetContainerName;
                                    stored.enabled = next.enabled;
                                    stored.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                                    return stored;
                                }))))
                .map(this::view);
    }

    private static CronJob copy(CronJob job) {
        CronJob copy = new CronJob();
        copy.id = job.id;
        copy.environmentId = job.environmentId;
        copy.name = job.name;
        copy.description = job.description;
        copy.scheduleExpression = job.scheduleExpression;
        copy.command = job.command;
        copy.targetContainerName = job.targetContainerName;
        copy.enabled = job.enabled;
        copy.scheduleName = job.scheduleName;
        copy.scheduleArn = job.scheduleArn;
        copy.createdAt = job.createdAt;
        copy.updatedAt = job.updatedAt;
        return copy;
    }

    // ---- delete

    public Uni<Void> delete(EnvironmentKey key, String name) {
        // Removing a schedule never needs the service running: a stopped environment's jobs go too.
        return Panache.withTransaction(() -> transitions.lockFor(key, DELETE)
                .chain(env -> jobs.findShown(env.id, name).map(job -> shown(job, key.envName(), name))))
                .chain(job -> schedules.delete(job.scheduleArn)
                        .onFailure().transform(failure -> EnvironmentChanges.failed(failure, "The cron job was kept."))
                        .chain(() -> Panache.withTransaction(() -> jobs.deleteById(job.id))))
                .replaceWithVoid();
    }

    // ---- runs

    public Uni<List<CronRunView>> runs(EnvironmentKey key, String name) {
        String envName = key.envName();
        record Found(ApplicationEnvironment env, CronJob job) {
        }
        return Panache.withSession(() -> environments.findVisible(key)
                .chain(env -> jobs.findShown(key.found(env).id, name)
                        .map(job -> new Found(env, shown(job, envName, name)))))
                .chain(found -> {
                    if (found.env().provisioned == null) {
                        return Uni.createFrom().item(List.<CronRunView>of());
                    }
                    Provisioned provisioned = json.provisioned(found.env().provisioned);
                    CronJob job = found.job();
                    return schedules.runs(new RunsQuery(provisioned.service().cluster(),
                                    provisioned.taskDefinition().family(), job.scheduleName, job.targetContainerName))
                            .onFailure().transform(failure -> EnvironmentChanges.failed(failure, "The runs could not be listed; try again."))
                            .map(tasks -> tasks.stream().map(task -> runView(job, task)).toList());
                });
    }

    public Uni<CronRunView> run(EnvironmentKey key, String name, String runId) {
        return runs(key, name)
                .map(runs -> runs.stream()
                        .filter(run -> run.runId().equals(runId))
                        .findFirst()
                        .orElseThrow(() -> ApiException.notFound("Cron job " + name + " has no run " + runId
                                + ". GET its runs to see their ids.")));
    }

    // ---- following the environment

    /**
     * Points every job's schedule at the environment's current task definition revision, after an update or a
     * redeploy registered a new one. A schedule that cannot be updated is logged and keeps its revision.
     */
    @Override
    public Uni<Void> followRevision(UUID environmentId) {
        record Jobs(ApplicationEnvironment env, List<CronJob> list) {
        }
        return Panache.withSession(() -> environments.findById(environmentId)
                .chain(env -> env == null || env.provisioned == null
                        ? Uni.createFrom().item(new Jobs(env, List.of()))
                        : jobs.listShown(environmentId).map(list -> new Jobs(env, list))))
                .chain(found -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (CronJob job : found.list()) {
                        all = all.chain(() -> schedules.update(scheduleRequest(found.env(), job))
                                .onFailure().invoke(e -> LOG.warnf("cron job %s of environment %s: its schedule still runs"
                                        + " the previous revision: %s", job.name, environmentId, LogSafe.text(e.getMessage())))
                                .onFailure().recoverWithNull());
                    }
                    return all;
                })
                .onFailure().invoke(e -> LOG.warnf("environment %s: its cron jobs' schedules were not updated: %s",
                        environmentId, LogSafe.text(e.getMessage())))
                .onFailure().recoverWithNull();
    }

    // ---- helpers

    private ScheduleRequest scheduleRequest(ApplicationEnvironment env, CronJob job) {
        Provisioned provisioned = json.provisioned(env.provisioned);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("paddock:environment-id", env.id.toString());
        tags.put("paddock:organisation", env.organisation);
        tags.put("paddock:application", env.application);
        tags.put("paddock:env-name", env.envName);
        tags.put("paddock:cron-job", job.name);
        return new ScheduleRequest(job.scheduleName, job.description, job.scheduleExpression, job.enabled,
                provisioned.service().cluster(), provisioned.taskDefinition().arn(), provisioned.subnet().ids(),
                List.of(provisioned.securityGroup().id()), job.targetContainerName, command(job), Map.copyOf(tags));
    }

    /** The container named, or when none is, the first essential container of the environment's compose. */
    private String container(ApplicationEnvironment env, String requested) {
        Compose compose = json.compose(env.compose);
        List<String> names = compose.containers().stream().map(Compose.Container::name).toList();
        if (requested != null) {
            if (!names.contains(requested)) {
                throw ApiException.validation("/targetContainerName", "names no container of environment " + env.envName
                        + "; send one of " + String.join(", ", names) + ", or leave it out for the first essential one");
            }
            return requested;
        }
        return compose.containers().stream()
                .filter(container -> container.essential() == null || container.essential())
                .map(Compose.Container::name)
                .findFirst()
                .orElse(names.get(0));
    }

    private List<String> command(CronJob job) {
        return json.strings(job.command);
    }

    private CronJobView view(CronJob job) {
        return new CronJobView(job.name, job.description, job.scheduleExpression, command(job), job.targetContainerName,
                job.enabled, EnvironmentDtos.timestamp(job.createdAt), EnvironmentDtos.timestamp(job.updatedAt));
    }

    private CronRunView runView(CronJob job, TaskRun task) {
        List<String> command = task.command() != null ? task.command() : command(job);
        OffsetDateTime start = task.startedAt() != null ? task.startedAt() : task.createdAt();
        return new CronRunView(task.taskId(), "CRON", String.join(" ", command), status(task),
                EnvironmentDtos.timestamp(start), EnvironmentDtos.timestamp(task.stoppedAt()), task.exitCode(),
                task.output() == null ? List.of() : task.output(), job.scheduleName, job.targetContainerName);
    }

    /** ECS's task status as a run's: a stopped task succeeded when the job's container exited 0. */
    static String status(TaskRun task) {
        String last = task.lastStatus() == null ? "" : task.lastStatus();
        return switch (last) {
            case "PROVISIONING", "PENDING", "ACTIVATING" -> "PENDING";
            case "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING" -> "RUNNING";
            case "STOPPED" -> task.exitCode() != null && task.exitCode() == 0 ? "SUCCEEDED" : "FAILED";
            default -> "UNKNOWN";
        };
    }

    private static CronJob shown(CronJob job, String envName, String name) {
        if (job == null || job.scheduleArn == null) {
            throw ApiException.notFound("Environment " + envName + " has no cron job named " + name
                    + ". GET its cron jobs to see their names.");
        }
        return job;
    }

    private static ApiException nameTaken(String envName, String name) {
        return ApiException.nameExists("Environment " + envName + " already has a cron job named " + name
                + ". Choose another name, or change that job with PATCH.");
    }

}
