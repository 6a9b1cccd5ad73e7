package io.paddock.environments;

import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Api.ADMIN;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudCalls;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Concurrent requests on one environment end in one of their serial orders, never a mix. */
@QuarkusTest
class EnvironmentRaceTest {

    @Inject
    ProvisioningTestSupport cloud;

    @Inject
    LocalCloudSettings settings;

    @Inject
    LocalCloudCalls calls;

    private final String app = unique("race");

    @AfterEach
    void reset() {
        cloud.resetCloud();
    }

    private static List<Integer> concurrently(int n, Supplier<Integer> request) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 50));
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(CompletableFuture.supplyAsync(request, pool));
            }
            return calls.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * A client that hangs up while its create is provisioning (a CI job cancelled, a timeout) leaves nothing
     * for the reconciler: the create runs to its end and the environment is ACTIVE, not CREATING until its
     * lease runs out. (The reconciler is off in tests, so a create that stopped half-way would stay CREATING.)
     */
    @Test
    void aCreateWhoseClientHangsUpStillEndsActive() throws Exception {
        calls.clear();
        settings.setLatency(Duration.ofMillis(300));
        String body = new ObjectMapper().writeValueAsString(request("dev", compose(container("web"))));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path("acme", app) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + ADMIN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            // Hang up once the create is under way: its first calls take 300 ms each.
            assertThat(eventually(() -> calls.all().stream().anyMatch(c -> c.operation().equals("CreateSecurityGroup")
                    || c.operation().equals("CreateLogGroup")))).isTrue();
        }

        assertThat(eventually(() -> "ACTIVE".equals(asAdmin().get(path("acme", app) + "/dev").path("status"))))
                .as("the create went on without its client")
                .isTrue();
    }

    @Test
    void aHundredConcurrentCreatesOfOneNameGiveOneEnvironment() {
        calls.clear();
        settings.setLatency(Duration.ofMillis(20));
        Map<String, Object> body = request("dev", compose(container("web")));
        List<Integer> statuses = concurrently(100, () -> asAdmin().body(body).post(path("acme", app)).statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(99);
        long securityGroups = calls.all().stream().filter(c -> c.operation().equals("CreateSecurityGroup")).count();
        assertThat(securityGroups).as("the provider was asked for one environment").isEqualTo(1);
    }

    /**
     * Creates of different names in one application, all at once, stop at the application's limit (10 by
     * default): each create counts the environments the others committed while it waited for the application's
     * lock.
     */
    @Test
    void concurrentCreatesOfManyNamesStopAtTheLimit() {
        calls.clear();
        settings.setLatency(Duration.ofMillis(20));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> statuses = concurrently(30, () -> asAdmin()
                .body(request("env" + next.getAndIncrement(), compose(container("web"))))
                .post(path("acme", app))
                .statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(10);
        assertThat(statuses).filteredOn(s -> s == 403).hasSize(20);
        assertThat((List<?>) asAdmin().get(path("acme", app)).path("envName")).hasSize(10);
    }

    @Test
    void concurrentCreateAndDeleteEndInASerialOrder() {
        settings.setLatency(Duration.ofMillis(20));
        Map<String, Object> body = request("dev", compose(container("web")));
        for (int round = 0; round < 5; round++) {
            List<Integer> statuses = concurrently(2, new Supplier<>() {
                private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

                @Override
                public Integer get() {
                    return turn.getAndIncrement() == 0 ? asAdmin().body(body).post(path("acme", app)).statusCode()
                            : asAdmin().delete(path("acme", app) + "/dev").statusCode();
                }
            });
            int get = asAdmin().get(path("acme", app) + "/dev").statusCode();
            // Either the delete came first (404 or 409 while being created) and the environment stands, or it came
            // after the create and the environment is gone.
            assertThat(statuses).contains(201);
            if (statuses.contains(204)) {
                assertThat(get).isEqualTo(404);
            } else {
                assertThat(statuses).containsAnyOf(404, 409);
                assertThat(get).isEqualTo(200);
                asAdmin().delete(path("acme", app) + "/dev").then().statusCode(204);
            }
        }
    }

    @Test
    void concurrentUpdatesApplyOneComposeWhole() {
        asAdmin().body(request("dev", compose(container("web")))).post(path("acme", app)).then().statusCode(201);
        settings.setLatency(Duration.ofMillis(20));
        List<String> tags = List.of("v1", "v2", "v3", "v4", "v5", "v6");
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> statuses = concurrently(tags.size(), () -> {
            String tag = tags.get(next.getAndIncrement());
            Map<String, Object> web = container("web");
            web.put("imageReference", Map.of("type", "internal", "identifier", "web-" + tag));
            Map<String, Object> sidecar = container("sidecar-" + tag);
            return asAdmin().body(Map.of("composeDefinition", compose(web, sidecar))).put(path("acme", app) + "/dev").statusCode();
        });
        assertThat(statuses).containsOnly(202, 409).contains(202);
        assertThat(eventually(() -> "ACTIVE".equals(asAdmin().get(path("acme", app) + "/dev").path("status")))).isTrue();

        Map<String, Object> stored = asAdmin().get(path("acme", app) + "/dev/compose").as(Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> containers = (List<Map<String, Object>>) stored.get("containers");
        String image = (String) ((Map<String, Object>) containers.get(0).get("imageReference")).get("identifier");
        String sidecar = (String) containers.get(1).get("name");
        // The web image and the sidecar come from the same request.
        assertThat(sidecar).isEqualTo("sidecar-" + image.substring("web-".length()));
    }

    /** A delete while an update runs is refused: the update would end by writing over it, or fail on a missing row. */
    @Test
    void aDeleteWhileAnUpdateRunsIsRefusedAndTheUpdateEndsAsUsual() {
        asAdmin().body(request("dev", compose(container("web")))).post(path("acme", app)).then().statusCode(201);
        settings.setLatency(CloudOperation.UPDATE_SERVICE, Duration.ofMillis(1500));
        Map<String, Object> web = container("web");
        web.put("imageReference", Map.of("type", "internal", "identifier", "web-v2"));
        asAdmin().body(Map.of("composeDefinition", compose(web))).put(path("acme", app) + "/dev").then().statusCode(202);

        assertError(asAdmin().delete(path("acme", app) + "/dev"), 409, "EnvironmentBusyError");
        assertThat(eventually(() -> "ACTIVE".equals(asAdmin().get(path("acme", app) + "/dev").path("status")))).isTrue();
        asAdmin().get(path("acme", app) + "/dev/compose").then().body("containers[0].imageReference.identifier",
                org.hamcrest.Matchers.equalTo("web-v2"));
        asAdmin().delete(path("acme", app) + "/dev").then().statusCode(204);
    }
}
