package io.paddock.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Builders for application environment requests in tests. */
public final class Environments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Environments() {
    }

    public static String path(String organisation, String application) {
        return "/api/v3/organizations/" + organisation + "/applications/" + application + "/environments";
    }

    /** One container, no ports, no volumes: the smallest valid compose. */
    public static Map<String, Object> container(String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("imageReference", Map.of("type", "internal", "identifier", name + "-latest"));
        return c;
    }

    public static Map<String, Object> compose(Map<String, Object>... containers) {
        Map<String, Object> compose = new LinkedHashMap<>();
        compose.put("containers", new ArrayList<>(List.of(containers)));
        return compose;
    }

    public static Map<String, Object> request(String envName, Map<String, Object> compose) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("envName", envName);
        body.put("composeDefinition", compose);
        return body;
    }

    /** A web container exposing 8080 and mounting one volume: 5 calls on the critical path, 12 in all. */
    public static Map<String, Object> webWithVolume(String envName) {
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        web.put("mountPoints", List.of(Map.of("sourceVolume", "files", "containerPath", "/data")));
        return request(envName, compose(web));
    }

    /** A JSON document from src/test/resources, as a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> resource(String name) {
        try (InputStream in = Environments.class.getResourceAsStream("/" + name)) {
            return JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the condition holds within 20 s, asked every 100 ms. */
    public static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
