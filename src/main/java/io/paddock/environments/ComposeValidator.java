package io.paddock.environments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.paddock.environments.Compose.Container;
import io.paddock.environments.Compose.DependsOn;
import io.paddock.environments.Compose.MountPoint;
import io.paddock.environments.Compose.OriginProtectionConfig;
import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.JsonPointers;

/**
 * The rules of a compose definition that Bean Validation cannot express because they span fields or
 * containers, or because AWS would refuse them later: unique names, dependsOn references without cycles,
 * ports, absolute mount paths, memory limits, origin protection's addresses and host, Fargate task sizes and at
 * least one essential container.
 * Every problem is reported with its JSON pointer; nulls are tolerated (Bean Validation reports them).
 */
public final class ComposeValidator {

    private ComposeValidator() {
    }

    public static List<Detail> problems(Compose compose, String pointer) {
        List<Detail> problems = new ArrayList<>();
        List<Container> containers = compose.containers();
        String containersPointer = JsonPointers.child(pointer, "containers");
        if (containers == null || containers.isEmpty()) {
            problems.add(new Detail(containersPointer, "must list at least one container"));
        } else {
            checkContainers(containers, containersPointer, problems);
        }
        checkCapacity(compose.minCapacity(), compose.maxCapacity(), pointer, problems);
        checkTaskSize(compose, pointer, problems);
        return problems;
    }

    /**
     * The problems of a request's compose definition (at {@code /composeDefinition}, when it sends one) and of its
     * top-level capacity. A top-level value checked against the compose's other one is the service's check, on the
     * effective capacity (a clone's comes from its source).
     */
    public static List<Detail> requestProblems(Compose composeDefinition, Integer minCapacity, Integer maxCapacity) {
        List<Detail> problems = composeDefinition == null ? new ArrayList<>()
                : problems(composeDefinition, "/composeDefinition");
        checkCapacity(minCapacity, maxCapacity, "", problems);
        return problems;
    }

    /** Checks minimum and maximum capacity where the values stand (top level or inside the compose). */
    public static void checkCapacity(Integer min, Integer max, String pointer, List<Detail> problems) {
        if (min != null && min < 0) {
            problems.add(new Detail(JsonPointers.child(pointer, "minCapacity"), "must be 0 or more"));
        }
        if (max != null && max < 1) {
            problems.add(new Detail(JsonPointers.child(pointer, "maxCapacity"), "must be 1 or more"));
        }
        if (min != null && max != null && min >= 0 && max >= 1 && min > max) {
            problems.add(new Detail(JsonPointers.child(pointer, "minCapacity"),
                    "must not be more than maxCapacity (" + max + ")"));
        }
    }

    private static void checkContainers(List<Container> containers, String pointer, List<Detail> problems) {
        Map<String, Integer> indexByName = new HashMap<>();
        Map<Integer, String> portOwner = new HashMap<>();
        boolean anyEssential = false;
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c == null) {
                continue;
            }
            String at = JsonPointers.index(pointer, i);
            if (c.name() != null) {
                Integer earlier = indexByName.putIfAbsent(c.name(), i);
                if (earlier != null) {
                    problems.add(new Detail(JsonPointers.child(at, "name"), "duplicates the name of container "
                            + earlier + "; container names must be unique"));
                }
            }
            anyEssential |= c.isEssential();
            checkPorts(c, at, portOwner, problems);
            checkMountPoints(c, at, problems);
            checkOriginProtection(c, at, problems);
            if (c.memory() != null && c.memoryReservation() != null && c.memoryReservation() > c.memory()) {
                problems.add(new Detail(JsonPointers.child(at, "memoryReservation"),
                        "must not be more than memory (" + c.memory() + " MiB)"));
            }
            if (c.healthCheck() != null && (c.healthCheck().command() == null || c.healthCheck().command().isEmpty())) {
                problems.add(new Detail(JsonPointers.child(JsonPointers.child(at, "healthCheck"), "command"),
                        "is required when healthCheck is given, e.g. [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]"));
            }
        }
        if (!anyEssential) {
            problems.add(new Detail(pointer, "must include at least one essential container (essential defaults to true)"));
        }
        checkDependencies(containers, indexByName, pointer, problems);
    }

    private static void checkPorts(Container c, String at, Map<Integer, String> portOwner, List<Detail> problems) {
        if (c.exposedPorts() == null) {
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < c.exposedPorts().size(); k++) {
            Integer port = c.exposedPorts().get(k);
            if (port == null) {
                continue;
            }
            String portPointer = JsonPointers.index(JsonPointers.child(at, "exposedPorts"), k);
            if (!seen.add(port)) {
                problems.add(new Detail(portPointer, "duplicates port " + port + " of this container"));
            } else if (portOwner.containsKey(port)) {
                problems.add(new Detail(portPointer, "port " + port + " is already exposed by container "
                        + portOwner.get(port) + "; containers of one task share a network, so each port can be exposed once"));
            } else {
                portOwner.put(port, c.name());
            }
        }
    }

    private static void checkMountPoints(Container c, String at, List<Detail> problems) {
        if (c.mountPoints() == null) {
            return;
        }
        Set<String> paths = new HashSet<>();
        for (int k = 0; k < c.mountPoints().size(); k++) {
            MountPoint m = c.mountPoints().get(k);
            if (m == null || m.containerPath() == null || m.containerPath().isBlank()) {
                continue;
            }
            String pathPointer = JsonPointers.child(JsonPointers.index(JsonPointers.child(at, "mountPoints"), k), "containerPath");
            if (!m.containerPath().startsWith("/")) {
                problems.add(new Detail(pathPointer, "must be an absolute path, starting with /"));
            } else if (!paths.add(m.containerPath())) {
                problems.add(new Detail(pathPointer, "is already a mount point of this container"));
            }
        }
    }

    private static void checkOriginProtection(Container c, String at, List<Detail> problems) {
        OriginProtectionConfig config = c.originProtectionConfig();
        if (config == null) {
            return;
        }
        String pointer = JsonPointers.child(at, "originProtectionConfig");
        if (config.ipAllow() != null) {
            for (int k = 0; k < config.ipAllow().size(); k++) {
                String entry = config.ipAllow().get(k);
                if (entry != null && !NetworkAddresses.isAddressOrCidr(entry)) {
                    problems.add(new Detail(JsonPointers.index(JsonPointers.child(pointer, "ipAllow"), k),
                            "must be an IP address or CIDR range, e.g. 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32"));
                }
            }
        }
        if (config.redirectHost() != null && !NetworkAddresses.isHostName(config.redirectHost())) {
            problems.add(new Detail(JsonPointers.child(pointer, "redirectHost"), "must be a bare host name such as "
                    + "www.example.com: no scheme, port or path"));
        }
    }

    private static void checkDependencies(List<Container> containers, Map<String, Integer> indexByName, String pointer,
            List<Detail> problems) {
        Map<String, List<String>> edges = new HashMap<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c == null || c.dependsOn() == null) {
                continue;
            }
            for (int k = 0; k < c.dependsOn().size(); k++) {
                DependsOn d = c.dependsOn().get(k);
                if (d == null || d.containerName() == null) {
                    continue;
                }
                String at = JsonPointers.child(JsonPointers.index(JsonPointers.child(JsonPointers.index(pointer, i), "dependsOn"), k),
                        "containerName");
                if (d.containerName().equals(c.name())) {
                    problems.add(new Detail(at, "names the container itself; a container cannot depend on itself"));
                } else if (!indexByName.containsKey(d.containerName())) {
                    problems.add(new Detail(at, "names no container of this compose; send one of " + indexByName.keySet()));
                } else if (c.name() != null) {
                    edges.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(d.containerName());
                }
            }
        }
        List<String> cycle = findCycle(edges);
        if (cycle != null) {
            int first = indexByName.get(cycle.get(0));
            problems.add(new Detail(JsonPointers.child(JsonPointers.index(pointer, first), "dependsOn"),
                    "forms a cycle: " + String.join(" -> ", cycle) + "; remove one of these dependencies"));
        }
    }

    private static List<String> findCycle(Map<String, List<String>> edges) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, edges, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        return null;
    }

    private static List<String> visit(String node, Map<String, List<String>> edges, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return null;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            List<String> cycle = visit(next, edges, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return null;
    }

    private static void checkTaskSize(Compose compose, String pointer, List<Detail> problems) {
        Integer cpu = compose.taskCpu();
        Integer memory = compose.taskMemory();
        String cpuPointer = JsonPointers.child(pointer, "taskCpu");
        String memoryPointer = JsonPointers.child(pointer, "taskMemory");
        if (cpu != null && FargateSizes.memoriesFor(cpu).isEmpty()) {
            problems.add(new Detail(cpuPointer, "must be one of Fargate's sizes: " + FargateSizes.cpus()));
            return;
        }
        if (cpu != null && memory != null && !FargateSizes.isValid(cpu, memory)) {
            problems.add(new Detail(memoryPointer, "is not a Fargate size with taskCpu " + cpu + "; send one of "
                    + FargateSizes.memoriesFor(cpu)));
            return;
        }
        if (memory != null && memory <= 0) {
            problems.add(new Detail(memoryPointer, "must be a positive number of MiB"));
            return;
        }
        int cpuSum = cpuSum(compose);
        int memorySum = memorySum(compose);
        if (cpu != null && cpuSum > cpu) {
            problems.add(new Detail(cpuPointer, "is less than the containers' cpu, which adds up to " + cpuSum));
        }
        if (memory != null && memorySum > memory) {
            problems.add(new Detail(memoryPointer, "is less than the containers' memory, which adds up to " + memorySum + " MiB"));
        }
        if ((cpu == null || memory == null) && problems.isEmpty() && resolveTaskSize(compose) == null) {
            problems.add(new Detail(cpu == null ? cpuPointer : memoryPointer, "no Fargate size holds the containers "
                    + "(cpu " + cpuSum + ", memory " + memorySum + " MiB" + (cpu != null ? ", taskCpu " + cpu : "")
                    + (memory != null ? ", taskMemory " + memory : "") + "); lower the containers' cpu or memory"));
        }
    }

    /** The compose's task size: the one given, or the smallest Fargate size that holds the containers. */
    public static int[] resolveTaskSize(Compose compose) {
        if (compose.taskCpu() != null && compose.taskMemory() != null) {
            return new int[] { compose.taskCpu(), compose.taskMemory() };
        }
        return FargateSizes.smallestHolding(cpuSum(compose), memorySum(compose), compose.taskCpu(), compose.taskMemory());
    }

    private static int cpuSum(Compose compose) {
        int sum = 0;
        if (compose.containers() != null) {
            for (Container c : compose.containers()) {
                if (c != null && c.cpu() != null && c.cpu() > 0) {
                    sum += c.cpu();
                }
            }
        }
        return sum;
    }

    private static int memorySum(Compose compose) {
        int sum = 0;
        if (compose.containers() != null) {
            for (Container c : compose.containers()) {
                if (c == null) {
                    continue;
                }
                Integer m = c.memory() != null ? c.memory() : c.memoryReservation();
                if (m != null && m > 0) {
                    sum += m;
                }
            }
        }
        return sum;
    }
}
