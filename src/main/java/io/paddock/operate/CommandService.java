package io.paddock.operate;

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

import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.Compose;
import io.paddock.environments.EnvironmentDtos;
import io.paddock.environments.StoredJson;
import io.paddock.errors.ApiException;
import io.paddock.operate.OperateDtos.CommandView;
import io.paddock.operate.OperateDtos.CreateCommandRequest;
import io.paddock.provisioning.CommandPort.RunTaskRequest;
import io.paddock.provisioning.EnvironmentRuntime;
import io.paddock.provisioning.LogPort;
import io.paddock.provisioning.LogPort.LogEvent;
import io.paddock.provisioning.LogPort.LogQuery;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.Provisioned;
import io.paddock.provisioning.ResourceTags;
import io.paddock.provisioning.SchedulePort.TaskRun;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * One-off commands: each runs once, as {@code /bin/sh -c <command>}, in a new task from the environment's current
 * task definition (its subnets and security group, its variables and secrets), with the chosen container's command
 * overridden. The command's row is written first and shown once its task exists; when the provider refuses the task
 * the row goes again. How a task went is asked of the provider until it has stopped, then kept; what it wrote is
 * read from its container's log stream.
 */
@ApplicationScoped
public class CommandService {

    private static final Logger LOG = Logger.getLogger(CommandService.class);
    static final int LIST_LIMIT = 100;
    static final int OUTPUT_LIMIT = 1000;
    /** ECS's DescribeTasks takes at most this many tasks. */
    private static final int DESCRIBE_MAX = 100;
    static final String COMMAND_TAG = "paddock:command-id";

    @Inject OperatedEnvironments environments;
    @Inject CommandRepository commands;
    @Inject StoredJson json;
    @Inject EnvironmentRuntime runtime;

    public Uni<CommandView> create(String organisation, String environmentId, CreateCommandRequest request) {
        record Started(Command command, RunTaskRequest task) {
        }
        return Panache.withTransaction(() -> environments.find(organisation, environmentId)
                        .chain(env -> {
                            Provisioned provisioned = environments.runnable(env, "run a command");
                            String container = container(env, request.targetContainerName());
                            Command command = new Command();
                            command.id = UUID.randomUUID();
                            command.environmentId = env.id;
                            command.command = request.command();
                            command.containerName = container;
                            command.logGroup = LogPort.logGroupOf(provisioned.service().name());
                            command.cluster = provisioned.service().cluster();
                            command.status = "PENDING";
                            command.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                            Map<String, String> tags = new LinkedHashMap<>();
                            tags.put(ResourceTags.ENVIRONMENT_ID, env.id.toString());
                            tags.put(ResourceTags.ORGANISATION, env.organisation);
                            tags.put(ResourceTags.APPLICATION, env.application);
                            tags.put(ResourceTags.ENV_NAME, env.envName);
                            tags.put(COMMAND_TAG, command.id.toString());
                            RunTaskRequest task = new RunTaskRequest(command.cluster, provisioned.taskDefinition().arn(),
                                    provisioned.subnet().ids(), List.of(provisioned.securityGroup().id()), container,
                                    List.of("/bin/sh", "-c", request.command()), tags, command.id.toString());
                            return commands.persist(command).replaceWith(new Started(command, task));
                        }))
                .chain(started -> runtime.runTask(started.task())
                        .onFailure().call(() -> forget(started.command().id))
                        .onFailure(ProviderException.class).transform(f -> Refusals.of((ProviderException) f))
                        .chain(arn -> Panache.withTransaction(() -> commands.findById(started.command().id)
                                .invoke(stored -> {
                                    if (stored != null) {
                                        stored.taskArn = arn;
                                    }
                                }))
                                .map(stored -> {
                                    if (stored == null) {
                                        throw ApiException.notFound("The environment was deleted while the command was"
                                                + " being started.");
                                    }
                                    return view(stored, List.of());
                                })));
    }

    public Uni<List<CommandView>> list(String organisation, String environmentId) {
        return Panache.withSession(() -> environments.find(organisation, environmentId)
                        .chain(env -> commands.listShown(env.id, LIST_LIMIT)))
                .chain(this::refresh)
                .map(list -> list.stream().map(command -> view(command, null)).toList());
    }

    public Uni<CommandView> get(String organisation, String environmentId, String commandId) {
        UUID id = uuid(commandId);
        return Panache.withSession(() -> environments.find(organisation, environmentId)
                        .chain(env -> id == null ? Uni.createFrom().nullItem() : commands.findShown(env.id, id)))
                .map(command -> {
                    if (command == null) {
                        throw ApiException.notFound("The environment has no command " + commandId
                                + ". GET its commands to see their runIds.");
                    }
                    return command;
                })
                .chain(command -> refresh(List.of(command)).replaceWith(command))
                .chain(command -> output(command).map(lines -> view(command, lines)));
    }

    /** Asks the provider how the unfinished ones are going, and keeps what it says. */
    private Uni<List<Command>> refresh(List<Command> list) {
        List<Command> unfinished = list.stream().filter(command -> !command.finished()).toList();
        if (unfinished.isEmpty()) {
            return Uni.createFrom().item(list);
        }
        // A command's exit code is its container's: one DescribeTasks per cluster and container, 100 tasks each.
        Map<String, List<Command>> groups = new LinkedHashMap<>();
        unfinished.forEach(c -> groups.computeIfAbsent(c.cluster + " " + c.containerName, k -> new ArrayList<>()).add(c));
        List<Uni<List<TaskRun>>> asked = new ArrayList<>();
        for (List<Command> group : groups.values()) {
            for (int i = 0; i < group.size(); i += DESCRIBE_MAX) {
                List<Command> batch = group.subList(i, Math.min(group.size(), i + DESCRIBE_MAX));
                asked.add(runtime.describeTasks(batch.get(0).cluster, batch.stream().map(c -> c.taskArn).toList(),
                        batch.get(0).containerName));
            }
        }
        return Uni.join().all(asked).andFailFast()
                .onFailure(ProviderException.class).transform(f -> Refusals.of((ProviderException) f))
                .chain(answers -> {
                    Map<String, TaskRun> byArn = new LinkedHashMap<>();
                    answers.forEach(runs -> runs.forEach(run -> byArn.put(run.taskArn(), run)));
                    List<Command> changed = new ArrayList<>();
                    for (Command command : unfinished) {
                        TaskRun run = byArn.get(command.taskArn);
                        if (run != null && apply(command, run)) {
                            changed.add(command);
                        }
                    }
                    return store(changed);
                })
                .replaceWith(list);
    }

    /** The task as ECS reports it, as the command's status; true when something changed. */
    private static boolean apply(Command command, TaskRun run) {
        String status = switch (run.lastStatus() == null ? "" : run.lastStatus()) {
            case "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING" -> "RUNNING";
            case "STOPPED" -> run.exitCode() != null && run.exitCode() == 0 ? "SUCCEEDED" : "FAILED";
            default -> "PENDING";
        };
        boolean changed = !status.equals(command.status);
        command.status = status;
        command.startedAt = run.startedAt();
        command.endedAt = run.stoppedAt();
        command.exitCode = run.exitCode();
        command.stoppedReason = run.stoppedReason();
        return changed || "RUNNING".equals(status);
    }

    private Uni<Void> store(List<Command> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (Command command : changed) {
                all = all.chain(() -> commands.findById(command.id).invoke(stored -> {
                    if (stored != null && !stored.finished()) {
                        stored.status = command.status;
                        stored.startedAt = command.startedAt;
                        stored.endedAt = command.endedAt;
                        stored.exitCode = command.exitCode;
                        stored.stoppedReason = command.stoppedReason;
                    }
                }).replaceWithVoid());
            }
            return all;
        })
                .onFailure().invoke(e -> LOG.warnf("commands' statuses not stored: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** What its container wrote to its stream, from just before it was created until now. */
    private Uni<List<String>> output(Command command) {
        if (command.taskArn == null) {
            return Uni.createFrom().item(List.of());
        }
        long from = command.createdAt.toInstant().toEpochMilli() - 60_000;
        return runtime.logs(new LogQuery(command.logGroup, LogPort.streamOf(command.containerName, command.taskId()),
                        from, System.currentTimeMillis(), null, OUTPUT_LIMIT, null))
                .onFailure(ProviderException.class).transform(f -> Refusals.of((ProviderException) f))
                .map(page -> page.events().stream().map(LogEvent::message).toList());
    }

    private String container(ApplicationEnvironment env, String requested) {
        List<Compose.Container> containers = json.compose(env.compose).containers();
        if (requested != null) {
            if (containers.stream().noneMatch(c -> c.name().equals(requested))) {
                throw ApiException.validation("/targetContainerName", "is not a container of environment " + env.envName
                        + "; send one of " + containers.stream().map(Compose.Container::name).toList());
            }
            return requested;
        }
        return containers.stream().filter(Compose.Container::isEssential).map(Compose.Container::name).findFirst()
                .orElse(containers.get(0).name());
    }

    private Uni<Void> forget(UUID commandId) {
        return Panache.withTransaction(() -> commands.deleteById(commandId))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.errorf(e, "command %s: its row could not be removed", commandId))
                .onFailure().recoverWithNull();
    }

    private static CommandView view(Command command, List<String> output) {
        return new CommandView(command.id.toString(), "COMMAND", command.command, command.status,
                EnvironmentDtos.timestamp(command.startedAt), EnvironmentDtos.timestamp(command.endedAt),
                command.exitCode, output, command.containerName, command.taskArn, command.stoppedReason,
                EnvironmentDtos.timestamp(command.createdAt));
    }

    static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
