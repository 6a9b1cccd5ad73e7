package io.paddock.containers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.environments.Compose.Container;
import io.paddock.environments.EnvironmentDtos.UpdateEnvironmentRequest;
import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.ApiException;
import io.paddock.errors.JsonPointers;
import io.smallrye.mutiny.Uni;
import io.paddock.environments.Compose;
import io.paddock.environments.ComposeValidator;
import io.paddock.environments.EnvironmentKey;
import io.paddock.environments.EnvironmentService;
import io.paddock.environments.OperationType;
import io.paddock.environments.EnvironmentViews;
import io.paddock.environments.StoredJson;

/**
 * The containers of an environment's compose, one at a time. Replacing a container is an environment update of
 * the whole compose with that container replaced: the same validation, a new task definition revision and a
 * rolling service update (see {@link EnvironmentService#update}).
 */
@ApplicationScoped
public class ContainerService {

    private static final Pattern PORT_TAKEN = Pattern.compile("^port (\\d+) is already exposed");

    @Inject EnvironmentService environments;
    @Inject EnvironmentViews views;
    @Inject StoredJson json;

    public Uni<List<Container>> list(EnvironmentKey key) {
        return views.compose(key).map(Compose::containers);
    }

    /**
     * Replaces the container named in the path with the body and rolls the environment out to it. The body's
     * name must be the path's: a container is not renamed here.
     */
    public Uni<Container> replace(EnvironmentKey key, String containerName, Container body) {
        String envName = key.envName();
        if (!containerName.equals(body.name())) {
            return Uni.createFrom().failure(ApiException.validation("/name", "must be " + containerName
                    + ", the container named in the path; a container cannot be renamed (send the whole compose with "
                    + "PUT .../environments/" + envName + " for that)"));
        }
        Container replacement = body.withDefaults();
        return environments.update(key, OperationType.CONTAINER, env -> {
            Compose current = json.compose(env.compose);
            int index = indexOf(current, containerName);
            if (index < 0) {
                throw ApiException.notFound("Environment " + envName + " has no container named " + containerName
                        + ". GET its containers to see their names.");
            }
            List<Container> containers = new ArrayList<>(current.containers());
            containers.set(index, replacement);
            Compose next = current.withContainers(containers);
            List<Detail> problems = relativeTo(index, replacement, next, ComposeValidator.problems(next, ""));
            if (!problems.isEmpty()) {
                throw ApiException.validation(problems);
            }
            return new UpdateEnvironmentRequest(next, null, null);
        }).map(compose -> compose.containers().get(indexOf(compose, containerName)));
    }

    private static int indexOf(Compose compose, String containerName) {
        for (int i = 0; i < compose.containers().size(); i++) {
            if (compose.containers().get(i).name().equals(containerName)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The compose's problems as pointers into the container body. A problem the rest of the compose reports
     * because of this container (a port another container exposes, the task size, no essential container left)
     * is pointed at the field of the body that causes it.
     */
    static List<Detail> relativeTo(int index, Container container, Compose compose, List<Detail> problems) {
        String own = JsonPointers.index("/containers", index);
        List<Detail> relative = new ArrayList<>();
        for (Detail problem : problems) {
            String path = problem.path();
            if (path.equals(own) || path.startsWith(own + "/")) {
                relative.add(new Detail(path.substring(own.length()), problem.message()));
            } else if (path.equals("/taskCpu")) {
                relative.add(new Detail("/cpu", "makes the task's containers need more CPU than its size (taskCpu "
                        + compose.taskCpu() + ") gives: the compose " + problem.message()
                        + "; lower cpu, or change the task size with an environment update"));
            } else if (path.equals("/taskMemory")) {
                relative.add(new Detail("/memory", "makes the task's containers need more memory than its size (taskMemory "
                        + compose.taskMemory() + " MiB) gives: the compose " + problem.message()
                        + "; lower memory, or change the task size with an environment update"));
            } else if (path.equals("/containers")) {
                relative.add(new Detail("/essential", "must be true: no other container of the environment is essential, "
                        + "and a task needs at least one"));
            } else {
                relative.add(elsewhere(container, compose, problem));
            }
        }
        return relative;
    }

    private static Detail elsewhere(Container container, Compose compose, Detail problem) {
        Matcher taken = PORT_TAKEN.matcher(problem.message());
        if (taken.find() && container.exposedPorts() != null) {
            int port = Integer.parseInt(taken.group(1));
            int at = container.exposedPorts().indexOf(port);
            if (at >= 0) {
                String other = compose.containers().get(Integer.parseInt(problem.path().split("/")[2])).name();
                return new Detail(JsonPointers.index("/exposedPorts", at), "port " + port
                        + " is already exposed by container " + other
                        + "; containers of one task share a network, so each port can be exposed once");
            }
        }
        return new Detail("", "conflicts with the rest of the environment's compose, at " + problem.path() + ": "
                + problem.message());
    }
}
