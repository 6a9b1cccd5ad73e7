package io.paddock.provisioning.local;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Routes a request on a listener of the local cloud as an ALB does: the rules in priority order, the first whose
 * conditions all match decides (host header; source-ip ranges; an http header with one of its values).
 */
@ApplicationScoped
public class LocalRouting {

    @Inject LocalInventory inventory;

    /** A request as the listener sees it: its host, where it comes from, its headers, path and query. */
    public record Request(String host, String sourceIp, Map<String, String> headers, String path, String query) {
    }

    /** What the listener does: forward to a target group, or answer with a status (and a redirect's location). */
    public record Decision(String action, String targetGroupArn, int statusCode, String location) {
    }

    /** The decision of the listener's rules for the request; a 404 fixed response when no rule matches (the default). */
    public Uni<Decision> route(String listenerArn, Request request) {
        return inventory.listenerRules(listenerArn).map(rules -> decide(rules, request));
    }

    static Decision decide(List<LocalInventory.Resource> rules, Request request) {
        return rules.stream()
                .sorted(Comparator.comparingInt(rule -> rule.attributes().getInteger("priority")))
                .filter(rule -> matches(rule.attributes(), request))
                .findFirst()
                .map(rule -> decision(rule, request))
                .orElse(new Decision("fixed-response", null, 404, null));
    }

    private static boolean matches(JsonObject rule, Request request) {
        if (!rule.getString("hostHeader", "").equalsIgnoreCase(request.host())) {
            return false;
        }
        if (rule.containsKey("sourceIps") && rule.getJsonArray("sourceIps").stream()
                .noneMatch(range -> inRange(request.sourceIp(), String.valueOf(range)))) {
            return false;
        }
        if (rule.containsKey("httpHeader")) {
            JsonObject header = rule.getJsonObject("httpHeader");
            String sent = request.headers().entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(header.getString("name")))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            return header.getString("value").equals(sent);
        }
        return true;
    }

    private static Decision decision(LocalInventory.Resource rule, Request request) {
        JsonObject attributes = rule.attributes();
        return switch (attributes.getString("action", "forward")) {
            case "fixed-response" -> new Decision("fixed-response", null, attributes.getInteger("statusCode"), null);
            case "redirect" -> new Decision("redirect", null, attributes.getInteger("statusCode"),
                    "https://" + attributes.getString("redirectHost") + (request.path() == null ? "/" : request.path())
                            + (request.query() == null || request.query().isEmpty() ? "" : "?" + request.query()));
            default -> new Decision("forward", rule.parentId(), 0, null);
        };
    }

    /** Whether the address is in the CIDR range, IPv4 or IPv6. */
    static boolean inRange(String address, String range) {
        try {
            String[] parts = range.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] candidate = InetAddress.getByName(address).getAddress();
            if (network.length != candidate.length) {
                return false;
            }
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
            int shift = network.length * 8 - bits;
            return new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, candidate).shiftRight(shift));
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
