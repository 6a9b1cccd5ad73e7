package io.paddock.composefiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.paddock.environments.Compose;
import io.paddock.environments.Compose.Container;
import io.paddock.environments.Compose.DependsOn;
import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.environments.Compose.HealthCheck;
import io.paddock.environments.Compose.ImageReference;
import io.paddock.environments.Compose.MountPoint;
import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.JsonPointers;
import io.paddock.provisioning.ShellWords;

/**
 * One docker-compose file made into a compose definition: each service a container. What has no counterpart in
 * Paddock is left out with a warning; what cannot be read (a value of the wrong kind) is a problem, with its pointer
 * into the YAML document ({@code /services/web/ports/0}).
 */
final class Translation {

    private static final Set<String> IGNORED_QUIETLY = Set.of("version", "name");
    private static final Pattern PORT = Pattern.compile("^(?:(?:\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-fA-F:]+\\]):)?(?:(\\d+(?:-\\d+)?):)?(\\d+(?:-\\d+)?)(?:/(tcp|udp))?$");

    private final String imageSuffix;
    private final List<String> warnings = new ArrayList<>();
    private final List<Detail> problems = new ArrayList<>();

    private Translation(String imageSuffix) {
        this.imageSuffix = imageSuffix;
    }

    /** The translated compose and the warnings; an {@link Untranslatable} naming every problem when there are any. */
    record Result(Compose compose, List<String> warnings) {
    }

    static Result translate(Map<?, ?> document, String imageSuffix) {
        Translation t = new Translation(imageSuffix);
        Compose compose = t.compose(document);
        if (!t.problems.isEmpty()) {
            throw new Untranslatable("The compose file cannot be translated: " + t.problems.get(0).path() + " "
                    + t.problems.get(0).message() + (t.problems.size() > 1 ? " (and " + (t.problems.size() - 1)
                    + " more problems, see details)" : ""), t.problems);
        }
        return new Result(compose, List.copyOf(t.warnings));
    }

    private Compose compose(Map<?, ?> document) {
        Object services = document.get("services");
        for (Object key : document.keySet()) {
            String name = String.valueOf(key);
            if (!name.equals("services") && !IGNORED_QUIETLY.contains(name) && !name.startsWith("x-")) {
                warnings.add("Top-level '" + name + "' is ignored: Paddock makes volumes from the services' mounts, and "
                        + "has no networks, secrets or configs of a compose file.");
            }
        }
        List<Container> containers = new ArrayList<>();
        if (!(services instanceof Map<?, ?> map) || map.isEmpty()) {
            problems.add(new Detail("/services", "must be a mapping of at least one service (name: definition)"));
            return new Compose(containers, null, null, null, null, null, null, null, null, null);
        }
        for (Map.Entry<?, ?> service : map.entrySet()) {
            String name = String.valueOf(service.getKey());
            String at = JsonPointers.child("/services", name);
            if (!(service.getValue() instanceof Map<?, ?> definition)) {
                problems.add(new Detail(at, "must be a mapping (the service's definition), not " + ComposeValues.kind(service.getValue())));
                continue;
            }
            containers.add(container(name, definition, at));
        }
        return new Compose(containers, null, null, null, null, null, null, null, null, null);
    }

    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "ports", "expose", "environment", "volumes",
            "healthcheck", "depends_on", "command", "entrypoint", "working_dir", "user", "deploy", "read_only", "mem_limit",
            "mem_reservation", "cpus");

    private Container container(String name, Map<?, ?> s, String at) {
        for (Object key : s.keySet()) {
            String k = String.valueOf(key);
            if (!SERVICE_KEYS.contains(k) && !k.startsWith("x-")) {
                warnings.add("Service '" + name + "': '" + k + "' is ignored; it has no counterpart in a Paddock container.");
            }
        }
        ImageReference image = image(name, s, at);
        List<Integer> ports = new ArrayList<>();
        ports(name, s.get("ports"), JsonPointers.child(at, "ports"), ports);
        ports(name, s.get("expose"), JsonPointers.child(at, "expose"), ports);
        Integer[] resources = resources(name, s, at);
        HealthCheck check = healthCheck(name, s.get("healthcheck"), JsonPointers.child(at, "healthcheck"));
        Boolean readOnly = s.get("read_only") instanceof Boolean b ? b : null;
        return new Container(name, image, resources[0], resources[1], resources[2], ports.isEmpty() ? null : ports,
                mounts(name, s.get("volumes"), JsonPointers.child(at, "volumes")),
                environment(name, s.get("environment"), JsonPointers.child(at, "environment")), null, check,
                dependsOn(s.get("depends_on"), JsonPointers.child(at, "depends_on")),
                words(s.get("command"), JsonPointers.child(at, "command")),
                words(s.get("entrypoint"), JsonPointers.child(at, "entrypoint")),
                text(s.get("working_dir"), JsonPointers.child(at, "working_dir")),
                null, readOnly, text(s.get("user"), JsonPointers.child(at, "user")), null, null);
    }

    /**
     * A service that is built is an internal image (the application's own registry): its tag is
     * {@code <service>-<imageSuffix>} with a suffix, else the tag of its {@code image} when it names one, else
     * {@code <service>-latest}. A service with only an {@code image} runs that image as it is named (external).
     */
    private ImageReference image(String name, Map<?, ?> s, String at) {
        Object image = s.get("image");
        if (image != null && !(image instanceof String)) {
            problems.add(new Detail(JsonPointers.child(at, "image"), "must be an image name, not " + ComposeValues.kind(image)));
            return null;
        }
        if (s.containsKey("build")) {
            String tag = imageSuffix != null ? name + "-" + imageSuffix : ComposeValues.tagOf((String) image, name + "-latest");
            warnings.add("Service '" + name + "' uses 'build' directive, image will be internal with "
                    + (imageSuffix != null || image == null ? "a generated tag (" + tag + ")." : "the tag of its image ("
                            + tag + ")."));
            return new ImageReference(ImageReference.INTERNAL, tag);
        }
        if (image == null || ((String) image).isBlank()) {
            problems.add(new Detail(at, "has neither image nor build; name the image the service runs"));
            return null;
        }
        return new ImageReference("external", (String) image);
    }

    private void ports(String name, Object value, String at, List<Integer> into) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(new Detail(at, "must be a list of ports"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemAt = JsonPointers.index(at, i);
            String target;
            String protocol = null;
            boolean published = false;
            if (item instanceof Map<?, ?> port) {
                target = port.get("target") == null ? null : String.valueOf(port.get("target"));
                protocol = port.get("protocol") == null ? null : String.valueOf(port.get("protocol"));
                published = port.get("published") != null;
            } else if (item instanceof String || item instanceof Integer) {
                Matcher m = PORT.matcher(String.valueOf(item).trim());
                if (!m.matches()) {
                    problems.add(new Detail(itemAt, "is not a port (e.g. \"8080\", \"80:8080\", \"8080/tcp\")"));
                    continue;
                }
                published = m.group(1) != null;
                target = m.group(2);
                protocol = m.group(3);
            } else {
                problems.add(new Detail(itemAt, "is not a port (e.g. \"8080\", \"80:8080\"), but " + ComposeValues.kind(item)));
                continue;
            }
            if (target == null || !target.matches("\\d+")) {
                if (target != null && target.contains("-")) {
                    warnings.add("Service '" + name + "': port range " + target + " is left out; expose each port on its own.");
                } else {
                    problems.add(new Detail(itemAt, "names no container port (target)"));
                }
                continue;
            }
            if ("udp".equals(protocol)) {
                warnings.add("Service '" + name + "': UDP port " + target + " is left out; the load balancer routes HTTP.");
                continue;
            }
            if (published) {
                warnings.add("Service '" + name + "': published port for " + target + " is ignored; the environment is "
                        + "reached through the load balancer by its host name.");
            }
            // Out of range is the compose validator's to report, as for any compose.
            int port = target.length() > 6 ? 0 : Integer.parseInt(target);
            if (!into.contains(port)) {
                into.add(port);
            }
        }
    }

    private List<EnvironmentVariable> environment(String name, Object value, String at) {
        if (value == null) {
            return null;
        }
        List<EnvironmentVariable> variables = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (e.getValue() == null) {
                    warnings.add("Service '" + name + "': environment variable " + key + " has no value (it would come "
                            + "from the shell running docker compose) and is left out.");
                } else if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                    problems.add(new Detail(JsonPointers.child(at, key), "must be a value, not " + ComposeValues.kind(e.getValue())));
                } else {
                    variables.add(new EnvironmentVariable(key, scalar(e.getValue())));
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (!(item instanceof String entry)) {
                    problems.add(new Detail(JsonPointers.index(at, i), "must be NAME=value, not " + ComposeValues.kind(item)));
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    warnings.add("Service '" + name + "': environment variable " + entry + " has no value (it would come "
                            + "from the shell running docker compose) and is left out.");
                } else {
                    variables.add(new EnvironmentVariable(entry.substring(0, eq), entry.substring(eq + 1)));
                }
            }
        } else {
            problems.add(new Detail(at, "must be a mapping (NAME: value) or a list (NAME=value)"));
        }
        return variables.isEmpty() ? null : variables;
    }

    private List<MountPoint> mounts(String name, Object value, String at) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(new Detail(at, "must be a list of mounts"));
            return null;
        }
        List<MountPoint> mounts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String source;
            String target;
            boolean readOnly = false;
            String type = "volume";
            if (item instanceof String spec) {
                String[] parts = spec.split(":");
                if (parts.length == 1) {
                    warnings.add("Volume '" + spec + "' of service '" + name + "' is anonymous and is left out; name it "
                            + "(name:" + spec + ") to keep its data.");
                    continue;
                }
                source = parts[0];
                target = parts[1];
                readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
            } else if (item instanceof Map<?, ?> mount) {
                type = mount.get("type") == null ? "volume" : String.valueOf(mount.get("type"));
                source = mount.get("source") == null ? null : String.valueOf(mount.get("source"));
                target = mount.get("target") == null ? null : String.valueOf(mount.get("target"));
                readOnly = Boolean.TRUE.equals(mount.get("read_only"));
            } else {
                problems.add(new Detail(JsonPointers.index(at, i), "must be a mount (source:target) or its long form, not "
                        + ComposeValues.kind(item)));
                continue;
            }
            if (!type.equals("volume") && !type.equals("bind")) {
                warnings.add("Service '" + name + "': a " + type + " mount is left out; Paddock mounts EFS volumes.");
                continue;
            }
            if (source == null || source.isBlank() || target == null) {
                warnings.add("Service '" + name + "': a mount without a source or target is left out.");
                continue;
            }
            String volume = source;
            if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
                volume = ComposeValues.logicalName(source);
                warnings.add("Volume '" + source + "' uses a " + (source.startsWith("/") ? "host" : "relative")
                        + " path source, interpreted as logical volume name '" + volume + "'.");
            }
            mounts.add(new MountPoint(volume, target, readOnly ? Boolean.TRUE : null));
        }
        return mounts.isEmpty() ? null : mounts;
    }

    private HealthCheck healthCheck(String name, Object value, String at) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> h)) {
            problems.add(new Detail(at, "must be a mapping (test, interval, timeout, retries, start_period)"));
            return null;
        }
        if (Boolean.TRUE.equals(h.get("disable"))) {
            return null;
        }
        List<String> test;
        Object raw = h.get("test");
        if (raw instanceof String command) {
            test = List.of("CMD-SHELL", command);
        } else if (raw instanceof List<?>) {
            test = words(raw, JsonPointers.child(at, "test"));
            if (test != null && !test.isEmpty() && test.get(0).equals("NONE")) {
                return null;
            }
        } else {
            problems.add(new Detail(JsonPointers.child(at, "test"), "is required; send the command that checks the service"));
            return null;
        }
        return new HealthCheck(test, read(JsonPointers.child(at, "interval"), () -> ComposeValues.seconds(h.get("interval"))),
                read(JsonPointers.child(at, "timeout"), () -> ComposeValues.seconds(h.get("timeout"))),
                h.get("retries") instanceof Integer r ? r : null,
                read(JsonPointers.child(at, "start_period"), () -> ComposeValues.seconds(h.get("start_period"))));
    }

    private List<DependsOn> dependsOn(Object value, String at) {
        if (value == null) {
            return null;
        }
        List<DependsOn> dependencies = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                dependencies.add(new DependsOn(String.valueOf(item), "START"));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object condition = e.getValue() instanceof Map<?, ?> c ? c.get("condition") : null;
                String mapped = switch (condition == null ? "service_started" : String.valueOf(condition)) {
                    case "service_healthy" -> "HEALTHY";
                    case "service_completed_successfully" -> "SUCCESS";
                    case "service_started" -> "START";
                    default -> null;
                };
                if (mapped == null) {
                    problems.add(new Detail(JsonPointers.child(JsonPointers.child(at, String.valueOf(e.getKey())), "condition"),
                            "must be service_started, service_healthy or service_completed_successfully"));
                } else {
                    dependencies.add(new DependsOn(String.valueOf(e.getKey()), mapped));
                }
            }
        } else {
            problems.add(new Detail(at, "must be a list of services or a mapping of service to condition"));
        }
        return dependencies.isEmpty() ? null : dependencies;
    }

    /** cpu and memory limits and the memory reservation, from deploy.resources (or the older cpus, mem_limit). */
    private Integer[] resources(String name, Map<?, ?> s, String at) {
        Object cpus = s.get("cpus");
        Object memory = s.get("mem_limit");
        Object reservation = s.get("mem_reservation");
        String base = at;
        if (s.get("deploy") instanceof Map<?, ?> deploy) {
            for (Object key : deploy.keySet()) {
                if (!"resources".equals(String.valueOf(key))) {
                    warnings.add("Service '" + name + "': deploy." + key + " is ignored; an environment's capacity is its "
                            + "minCapacity and maxCapacity.");
                }
            }
            if (deploy.get("resources") instanceof Map<?, ?> resources) {
                base = at + "/deploy/resources";
                if (resources.get("limits") instanceof Map<?, ?> limits) {
                    cpus = limits.get("cpus") != null ? limits.get("cpus") : cpus;
                    memory = limits.get("memory") != null ? limits.get("memory") : memory;
                }
                if (resources.get("reservations") instanceof Map<?, ?> reservations) {
                    reservation = reservations.get("memory") != null ? reservations.get("memory") : reservation;
                    if (cpus == null && reservations.get("cpus") != null) {
                        cpus = reservations.get("cpus");
                    }
                }
            }
        }
        Object cpu = cpus;
        Object hard = memory;
        Object soft = reservation;
        return new Integer[] { read(base + "/limits/cpus", () -> ComposeValues.cpuUnits(cpu)),
                read(base + "/limits/memory", () -> ComposeValues.mebibytes(hard)),
                read(base + "/reservations/memory", () -> ComposeValues.mebibytes(soft)) };
    }

    /** The value {@code reader} reads, or null with a problem at {@code at} when it cannot be read. */
    private <T> T read(String at, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            problems.add(new Detail(at, e.getMessage()));
            return null;
        }
    }

    /** A command as a list: a list as it is, a string split as a shell splits words (quotes kept together). */
    private List<String> words(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item instanceof Map || item instanceof List || item == null) {
                    problems.add(new Detail(JsonPointers.index(at, i), "must be a string, not " + ComposeValues.kind(item)));
                } else {
                    words.add(scalar(item));
                }
            }
            return words;
        }
        if (value instanceof Map) {
            problems.add(new Detail(at, "must be a string or a list of strings"));
            return null;
        }
        return ShellWords.split(scalar(value));
    }

    private String text(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problems.add(new Detail(at, "must be a string, not " + ComposeValues.kind(value)));
            return null;
        }
        return scalar(value);
    }

    /** A YAML scalar as the text it was written as (numbers and booleans too: "8080", "true"). */
    private static String scalar(Object value) {
        return String.valueOf(value);
    }
}
