package io.paddock.testing.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stateful stand-in for the AWS services Paddock calls, speaking their wire protocols so that the real SDK
 * clients can be pointed at it (one endpoint for all):
 * <ul>
 * <li>ECS, Application Auto Scaling, Secrets Manager, CloudWatch Logs: {@code application/x-amz-json-1.1},
 * told apart by the {@code X-Amz-Target} prefix; errors as {@code {"__type": code, "message": ...}};</li>
 * <li>EFS: REST-JSON under {@code /2015-02-01/}; errors with the {@code x-amzn-ErrorType} header and
 * {@code {"ErrorCode", "Message"}};</li>
 * <li>EventBridge Scheduler: REST-JSON under {@code /schedules/}, errors as EFS's (see {@link Scheduler});</li>
 * <li>EC2 and ELBv2: the query protocol (form-encoded {@code Action} and {@code Version}) answered with XML in
 * each service's namespace; errors as EC2's {@code <Response><Errors><Error>} and ELBv2's
 * {@code <ErrorResponse><Error>}.</li>
 * </ul>
 * It keeps an inventory, records every request, and injects latency, throttling and failures per operation.
 */
public final class AwsDouble implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "eu-west-1";
    public static final String LISTENER_ARN = "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT
            + ":listener/app/shared/50dc6c495c0c9188/f2f7dc8efc522ab2";
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String ELB_NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the double understood it: the service, AWS's operation name, and what it carried. */
    public record Request(String service, String operation, JsonNode body, Map<String, String> params) {
    }

    /** A resource the double holds. {@code tags} are AWS's tags; {@code state} what the answers are built from. */
    public record Resource(String type, String id, String name, Map<String, String> tags, ObjectNode state) {
    }

    /** Thrown by a handler: answered as the service's error shape. */
    static class AwsError extends RuntimeException {
        final int status;
        final String code;

        AwsError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private record Fault(int status, String code, String message, AtomicInteger remaining) {
    }

    /**
     * How long AWS takes, as the double plays it: EFS file systems and mount targets are {@code creating} this long
     * before {@code available}, a deleted mount target {@code deleting} before it is gone (its network interface holding
     * its security groups meanwhile), a deleted service {@code DRAINING} before {@code INACTIVE} (its tasks keeping
     * their network interfaces, so its security group stays in use).
     */
    public record Timing(Duration efsCreating, Duration mountTargetDeleting, Duration serviceDraining) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(800), Duration.ofMillis(800),
                Duration.ofMillis(800));
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "aws-double");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Resource> inventory = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Duration> latency = new ConcurrentHashMap<>();
    private final Map<String, Integer> revisions = new ConcurrentHashMap<>();
    private final Ec2 ec2 = new Ec2(this);
    private final Elb elb = new Elb(this);
    private final Efs efs = new Efs(this);
    private final JsonServices json = new JsonServices(this);
    private final Scheduler scheduler = new Scheduler(this);
    private volatile IamPolicy policy = IamPolicy.load(IamPolicy.SHIPPED);
    private final OperateServices operate = new OperateServices(this);
    private volatile Timing timing = Timing.DEFAULT;

    private AwsDouble(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1, on a free port. */
    public static AwsDouble start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AwsDouble aws = new AwsDouble(server);
            server.setExecutor(aws.executor);
            server.createContext("/", aws::handle);
            server.start();
            return aws;
        } catch (IOException e) {
            throw new IllegalStateException("the AWS double could not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- what tests set and read

    /** Back to an empty record of requests and no injected faults; the inventory stays. */
    public void reset() {
        requests.clear();
        faults.clear();
        latency.clear();
        timing = Timing.DEFAULT;
    }

    /** How long resources take to settle from now on (until {@link #reset()}). */
    public void timing(Timing timing) {
        this.timing = timing;
    }

    Timing timing() {
        return timing;
    }

    /** The resource's {@code field} becomes {@code to} once {@code after} has passed; {@code gone} removes it. */
    static void later(Resource resource, String field, String to, Duration after) {
        resource.state().put("settlesField", field).put("settlesTo", to)
                .put("settlesAt", System.nanoTime() + after.toNanos());
    }

    /** What has had its time: each resource in the state it has reached by now. */
    void settle() {
        long now = System.nanoTime();
        for (Resource resource : inventory.values()) {
            ObjectNode state = resource.state();
            synchronized (state) {
                if (state.has("settlesAt") && state.path("settlesAt").asLong() <= now) {
                    String to = state.path("settlesTo").asText();
                    String field = state.path("settlesField").asText();
                    state.remove(List.of("settlesAt", "settlesTo", "settlesField"));
                    if (to.equals("gone")) {
                        inventory.remove(resource.id());
                    } else {
                        state.put(field, to);
                    }
                }
            }
        }
    }

    /** The operation fails the next {@code times} times (-1: every time) with this error. */
    public void fail(String operation, int status, String code, String message, int times) {
        faults.put(operation, new Fault(status, code, message, new AtomicInteger(times)));
    }

    /** The operation is throttled the next {@code times} times, with the code its service uses, HTTP 400. */
    public void throttle(String operation, int times) {
        fail(operation, 400, throttlingCode(operation), "Rate exceeded", times);
    }

    /** The policy the caller's permissions come from (Paddock's shipped one unless a test sets another). */
    public void policy(IamPolicy policy) {
        this.policy = policy;
    }

    public void latency(String operation, Duration delay) {
        latency.put(operation, delay);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    public List<Resource> inventory() {
        settle();
        return List.copyOf(inventory.values());
    }

    /** What exists for one environment: live resources tagged with its id (deregistered revisions excluded). */
    public List<Resource> inventory(UUID environmentId) {
        settle();
        return inventory.values().stream()
                .filter(r -> environmentId.toString().equals(r.tags().get("paddock:environment-id")))
                .filter(r -> !"INACTIVE".equals(r.state().path("status").asText()))
                .toList();
    }

    public List<Resource> inventory(String type) {
        settle();
        return inventory.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    public Optional<Resource> find(String id) {
        settle();
        return Optional.ofNullable(inventory.get(id));
    }

    /** The schedule fires, as EventBridge Scheduler would: ECS runs a task from its target. Answers the task's ARN. */
    public String fire(String scheduleName) {
        return scheduler.fire(scheduleName);
    }

    /** A task started by {@link #fire} stops, its job's container with this exit code. */
    public void stopTask(String taskArn, int exitCode) {
        scheduler.stop(taskArn, exitCode);
    }

    /** A container writes a line to a stream of a log group, as the awslogs driver sends it. */
    public void putLogEvent(String logGroup, String logStream, long timestamp, String message) {
        operate.logs.put(logGroup, logStream, timestamp, message);
    }

    /** A datapoint of a CloudWatch metric, as the service would have published it. */
    public void putMetric(String namespace, String metricName, Map<String, String> dimensions, long timestamp,
            double value) {
        operate.cloudWatch.put(namespace, metricName, dimensions, timestamp, value);
    }

    /** The password of the last registry login ECR gave, and the secret key of the last credentials STS gave. */
    public List<String> lastSecrets() {
        List<String> secrets = new ArrayList<>();
        Optional.ofNullable(operate.ecr.lastPassword).ifPresent(secrets::add);
        Optional.ofNullable(operate.sts.lastSecret).ifPresent(secrets::add);
        return secrets;
    }

    /** The service has started one task of its task definition, running now; answers the task's ARN. */
    public String startServiceTask(String serviceArn) {
        return operate.runTasks.startForService(serviceArn);
    }

    /** A task RunTask started is running. */
    public void startTask(String taskArn) {
        operate.runTasks.start(taskArn);
    }

    /** Puts a resource in place, as another tenant of the account might have (a listener rule, say). */
    public void add(Resource resource) {
        inventory.put(resource.id(), resource);
    }

    // --- for the service handlers

    Resource put(String type, String id, String name, Map<String, String> tags, ObjectNode state) {
        Resource resource = new Resource(type, id, name, Map.copyOf(tags), state);
        inventory.put(id, resource);
        return resource;
    }

    Resource remove(String id) {
        return inventory.remove(id);
    }

    List<Resource> all(String type, Predicate<Resource> filter) {
        return inventory.values().stream().filter(r -> r.type().equals(type)).filter(filter)
                .sorted((a, b) -> a.state().path("created").asLong() < b.state().path("created").asLong() ? -1 : 1)
                .toList();
    }

    int nextRevision(String family) {
        return revisions.merge(family, 1, Integer::sum);
    }

    static ObjectNode state() {
        ObjectNode node = JSON.createObjectNode();
        node.put("created", System.nanoTime());
        return node;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static String hex(int digits) {
        byte[] bytes = new byte[(digits + 1) / 2];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, digits);
    }

    static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    static AwsError notFound(String code, String message) {
        return new AwsError(400, code, message);
    }

    static AwsError refused(String code, String message) {
        return new AwsError(400, code, message);
    }

    // --- the HTTP side

    private void handle(HttpExchange exchange) throws IOException {
        settle();
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String path = exchange.getRequestURI().getPath();
            if (target != null) {
                String service = operate.service(target).orElse(JsonServices.service(target));
                String operation = target.substring(target.indexOf('.') + 1);
                JsonNode request = body.length == 0 ? object() : JSON.readTree(body);
                answerJson(exchange, service, operation, request, () -> operate.handles(service, operation, request)
                        ? operate.handle(service, operation, request)
                        : json.handle(service, operation, request));
            } else if (path.startsWith("/schedules/")) {
                String operation = Scheduler.operation(exchange.getRequestMethod());
                String name = URLDecoder.decode(path.substring("/schedules/".length()), StandardCharsets.UTF_8);
                JsonNode request = body.length == 0 ? object() : JSON.readTree(body);
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
                answerRestJson(exchange, "scheduler", operation, request, query,
                        () -> scheduler.handle(operation, name, request, query));
            } else if (path.startsWith("/2015-02-01/")) {
                String operation = Efs.operation(exchange.getRequestMethod(), path);
                JsonNode request = body.length == 0 ? object() : JSON.readTree(body);
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
                answerRestJson(exchange, "elasticfilesystem", operation, request, query,
                        () -> efs.handle(operation, exchange.getRequestMethod(), path, request, query));
            } else {
                Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
                String operation = params.getOrDefault("Action", "");
                String version = params.getOrDefault("Version", "");
                if (version.equals("2016-11-15")) {
                    answerXml(exchange, "ec2", operation, params, () -> ec2.handle(operation, params), true);
                } else if (version.equals("2015-12-01")) {
                    answerXml(exchange, "elasticloadbalancing", operation, params, () -> elb.handle(operation, params),
                            false);
                } else if (operate.speaks(version)) {
                    answerXml(exchange, operate.queryService(version), operation, params,
                            () -> operate.query(version, operation, params), false);
                } else {
                    send(exchange, 400, "text/plain", ("the AWS double does not know " + params).getBytes());
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(exchange, 500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        }
    }

    interface Answer<T> {
        T get();
    }

    private void answerJson(HttpExchange exchange, String service, String operation, JsonNode request,
            Answer<JsonNode> answer) throws IOException {
        requests.add(new Request(service, operation, request, Map.of()));
        try {
            authorize(service, operation, tagged(request), "AccessDeniedException");
            before(operation);
            send(exchange, 200, "application/x-amz-json-1.1", JSON.writeValueAsBytes(answer.get()));
        } catch (AwsError error) {
            ObjectNode body = object().put("__type", error.code).put("message", error.getMessage());
            send(exchange, error.status, "application/x-amz-json-1.1", JSON.writeValueAsBytes(body));
        }
    }

    private void answerRestJson(HttpExchange exchange, String service, String operation, JsonNode request,
            Map<String, String> query, Answer<Efs.Reply> answer) throws IOException {
        Map<String, String> params = new LinkedHashMap<>(query);
        requests.add(new Request(service, operation, request, params));
        try {
            authorize(service, operation, tagged(request), "AccessDeniedException");
            before(operation);
            Efs.Reply reply = answer.get();
            if (reply.body() == null) {
                send(exchange, reply.status(), "application/json", new byte[0]);
            } else {
                send(exchange, reply.status(), "application/json", JSON.writeValueAsBytes(reply.body()));
            }
        } catch (AwsError error) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", error.code);
            ObjectNode body = object().put("ErrorCode", error.code).put("Message", error.getMessage());
            if (error instanceof Efs.Conflict conflict) {
                body.put(conflict.idField, conflict.id);
            }
            send(exchange, error.status, "application/json", JSON.writeValueAsBytes(body));
        }
    }

    private void answerXml(HttpExchange exchange, String service, String operation, Map<String, String> params,
            Answer<String> answer, boolean ec2Errors) throws IOException {
        requests.add(new Request(service, operation, null, params));
        String requestId = UUID.randomUUID().toString();
        try {
            authorize(service, operation, params.keySet().stream().anyMatch(key -> key.startsWith("Tags.member.1.")
                    || key.startsWith("TagSpecification.1.Tag.1.")), ec2Errors ? "UnauthorizedOperation" : "AccessDenied");
            before(operation);
            send(exchange, 200, "text/xml", answer.get().replace("{requestId}", requestId)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (AwsError error) {
            String xml = ec2Errors
                    ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + error.code
                            + "</Code><Message>" + Xml.escape(error.getMessage()) + "</Message></Error></Errors>"
                            + "<RequestID>" + requestId + "</RequestID></Response>"
                    : "<ErrorResponse xmlns=\"" + ELB_NS + "\"><Error><Type>Sender</Type><Code>" + error.code
                            + "</Code><Message>" + Xml.escape(error.getMessage()) + "</Message></Error><RequestId>"
                            + requestId + "</RequestId></ErrorResponse>";
            send(exchange, error.status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** As IAM: an action the caller's policy does not allow is refused, and so is a create with tags without the tagging action. */
    private void authorize(String service, String operation, boolean withTags, String code) {
        // IAM names CloudWatch's actions cloudwatch:*, though its endpoint (and signing name) is monitoring.
        String action = ("monitoring".equals(service) ? "cloudwatch" : service) + ":" + operation;
        if (!policy.allows(action)) {
            throw new AwsError(403, code, "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/paddock/double is not"
                    + " authorized to perform: " + action + " (deploy/aws/iam-policy.json does not allow it)");
        }
        String tagging = IamPolicy.taggingAction(service);
        if (withTags && !IamPolicy.NOT_CREATES.contains(operation) && !policy.allows(tagging)) {
            throw new AwsError(403, code, "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/paddock/double is not"
                    + " authorized to perform: " + tagging + " while creating with tags (" + action + ")");
        }
    }

    private static boolean tagged(JsonNode request) {
        for (String field : List.of("tags", "Tags")) {
            JsonNode tags = request.path(field);
            if ((tags.isArray() || tags.isObject()) && !tags.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Latency first, then an injected fault if one is due. */
    private void before(String operation) {
        Duration delay = latency.get(operation);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Fault fault = faults.get(operation);
        if (fault != null) {
            int left = fault.remaining().getAndUpdate(n -> n > 0 ? n - 1 : n);
            if (left != 0) {
                throw new AwsError(fault.status(), fault.code(), fault.message());
            }
        }
    }

    private static String throttlingCode(String operation) {
        if (Ec2.OPERATIONS.contains(operation)) {
            return "RequestLimitExceeded";
        }
        if (Elb.OPERATIONS.contains(operation) || OperateServices.QUERY_OPERATIONS.contains(operation)) {
            return "Throttling";
        }
        return "ThrottlingException";
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /** {@code prefix.1}, {@code prefix.2}, ... as a list, for the query protocol's flattened lists. */
    static List<String> list(Map<String, String> params, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(prefix + "." + i); i++) {
            values.add(params.get(prefix + "." + i));
        }
        return values;
    }

    /** Tags sent as {@code prefix.N.Key} / {@code prefix.N.Value}. */
    static Map<String, String> tags(Map<String, String> params, String prefix) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; params.containsKey(prefix + "." + i + ".Key"); i++) {
            tags.put(params.get(prefix + "." + i + ".Key"), params.getOrDefault(prefix + "." + i + ".Value", ""));
        }
        return tags;
    }

    /** Tags sent as a JSON array of {Key, Value} (or key/value). */
    static Map<String, String> tags(JsonNode array, String key, String value) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (array != null && array.isArray()) {
            for (JsonNode tag : array) {
                tags.put(tag.path(key).asText(), tag.path(value).asText());
            }
        } else if (array != null && array.isObject()) {
            array.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        }
        return tags;
    }

    static Collection<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
