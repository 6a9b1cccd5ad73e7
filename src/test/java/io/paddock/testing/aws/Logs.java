package io.paddock.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CloudWatch Logs' events (JSON 1.1, {@code Logs_20140328.FilterLogEvents}): tests put events into a group's
 * streams as a container's awslogs driver would, and FilterLogEvents reads them as CloudWatch does: the group must
 * exist, a stream name prefix, a time range, term filter patterns, a limit of 1 to 10000 and an opaque nextToken
 * that only a previous answer's is accepted as (anything else is InvalidParameterException).
 */
final class Logs {

    record Event(long id, String group, String stream, long timestamp, String message) {
    }

    private final AwsDouble aws;
    private final Map<String, List<Event>> events = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    Logs(AwsDouble aws) {
        this.aws = aws;
    }

    static boolean handles(String operation) {
        return operation.equals("FilterLogEvents");
    }

    void put(String group, String stream, long timestamp, String message) {
        events.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>())
                .add(new Event(ids.incrementAndGet(), group, stream, timestamp, message));
    }

    JsonNode filterLogEvents(JsonNode request) {
        String group = request.path("logGroupName").asText();
        if (aws.find(group).filter(r -> r.type().equals("log-group")).isEmpty()) {
            throw AwsDouble.notFound("ResourceNotFoundException", "The specified log group does not exist.");
        }
        int limit = request.path("limit").asInt(10_000);
        if (limit < 1 || limit > 10_000) {
            throw AwsDouble.refused("InvalidParameterException", "1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000");
        }
        long after = 0;
        if (request.hasNonNull("nextToken")) {
            after = token(request.path("nextToken").asText());
        }
        String prefix = request.path("logStreamNamePrefix").asText("");
        long start = request.path("startTime").asLong(0);
        long end = request.path("endTime").asLong(Long.MAX_VALUE);
        List<String> terms = terms(request.path("filterPattern").asText(""));
        List<Event> matching = new ArrayList<>();
        for (Event event : events.getOrDefault(group, List.of())) {
            if (event.id() > after && event.stream().startsWith(prefix) && event.timestamp() >= start
                    && event.timestamp() <= end && terms.stream().allMatch(event.message()::contains)) {
                matching.add(event);
            }
        }
        matching.sort((a, b) -> a.timestamp() != b.timestamp() ? Long.compare(a.timestamp(), b.timestamp())
                : Long.compare(a.id(), b.id()));
        ArrayNode found = AwsDouble.array();
        for (Event event : matching.subList(0, Math.min(limit, matching.size()))) {
            found.add(AwsDouble.object().put("logStreamName", event.stream()).put("timestamp", event.timestamp())
                    .put("message", event.message()).put("ingestionTime", event.timestamp() + 5)
                    .put("eventId", String.valueOf(event.id())));
        }
        ObjectNode answer = AwsDouble.object();
        answer.set("events", found);
        answer.set("searchedLogStreams", AwsDouble.array());
        if (matching.size() > limit) {
            long last = matching.get(limit - 1).id();
            answer.put("nextToken", Base64.getEncoder().encodeToString(("position/" + last)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return answer;
    }

    private static long token(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("position/")) {
                return Long.parseLong(text.substring("position/".length()));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw AwsDouble.refused("InvalidParameterException", "The specified nextToken is invalid.");
    }

    /** Terms and quoted phrases, all of which must occur (CloudWatch's simplest patterns). */
    private static List<String> terms(String pattern) {
        List<String> terms = new ArrayList<>();
        String rest = pattern.trim();
        if (rest.startsWith("{") || rest.startsWith("[")) {
            throw AwsDouble.refused("InvalidParameterException", "Invalid filter pattern");
        }
        while (!rest.isEmpty()) {
            if (rest.startsWith("\"")) {
                int end = rest.indexOf('"', 1);
                if (end < 0) {
                    throw AwsDouble.refused("InvalidParameterException", "Invalid filter pattern");
                }
                terms.add(rest.substring(1, end));
                rest = rest.substring(end + 1).trim();
            } else {
                int end = rest.indexOf(' ');
                terms.add(end < 0 ? rest : rest.substring(0, end));
                rest = end < 0 ? "" : rest.substring(end + 1).trim();
            }
        }
        return terms;
    }
}
