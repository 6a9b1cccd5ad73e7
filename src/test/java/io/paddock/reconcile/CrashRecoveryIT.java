package io.paddock.reconcile;

import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.webWithVolume;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.testing.Api;
import io.paddock.testing.PaddockProcess;
import io.restassured.http.ContentType;

/**
 * Kills the packaged application with SIGKILL while creates, updates and deletes are at different points of
 * their provisioning graphs, starts it again, and checks that every environment converged (nothing left
 * CREATING, UPDATING or DELETING) and that the cloud inventory matches the ledger exactly: no resource that
 * no environment owns, none missing from an environment that stands. Runs once per provider
 * ({@link LocalCrashRecoveryIT}, {@link AwsCrashRecoveryIT}): each subclass starts Paddock with its provider and
 * tells what its cloud holds for an environment.
 */
abstract class CrashRecoveryIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    static PaddockProcess paddock;
    final String app = Api.unique("crash-it");
    /** Every environment of this test's application seen so far, deleted ones too. */
    final Set<UUID> seen = new TreeSet<>();

    /** The settings both providers share: short leases, a quick reconciler, room for every environment. */
    static Map<String, String> settings(Map<String, String> provider) {
        Map<String, String> settings = new HashMap<>(provider);
        settings.put("PADDOCK_RECONCILER_LEASE", "3s");
        settings.put("PADDOCK_RECONCILER_INTERVAL", "1s");
        settings.put("PADDOCK_LIMITS_ENVIRONMENTS_PER_APPLICATION", "100");
        return settings;
    }

    /** How many distinct points of the graph the kills must fall on (how far apart the provider's calls are). */
    int distinctCrashPoints() {
        return 3;
    }

    /** The provider's name as the ledger records it. */
    abstract String provider();

    /** The ids of the resources the cloud holds for each of these environments (none: not in the map). */
    abstract Map<UUID, Set<String>> inventory(Set<UUID> environments) throws SQLException;

    @AfterAll
    static void stop() throws Exception {
        paddock.stop();
    }

    @Test
    void everyEnvironmentConvergesAfterKillsAcrossTheProvisioningGraph() throws Exception {
        List<Integer> crashPoints = new ArrayList<>();

        // Creates sent 60 ms apart, killed once several are in flight: each is at another step of its graph.
        for (int i = 0; i < 14; i++) {
            send("POST", envs(), webWithVolume("c" + i));
            Thread.sleep(60);
        }
        crashPoints.addAll(killWhenInFlight("CREATING", 6, true));

        // Updates and deletes in flight: the environments that stand get one or the other.
        List<String> standing = names("ACTIVE");
        for (int i = 0; i < 4; i++) {
            given().baseUri(paddock.baseUrl()).header("Authorization", Api.ADMIN).contentType(ContentType.JSON)
                    .body(webWithVolume("s" + i)).post(envs()).then().statusCode(201);
            standing.add("s" + i);
        }
        for (int i = 0; i < standing.size(); i++) {
            String env = standing.get(i);
            if (i % 2 == 0) {
                Map<String, Object> web = container("web");
                web.put("imageReference", Map.of("type", "internal", "identifier", "web-v2"));
                send("PUT", envs() + "/" + env, Map.of("composeDefinition", compose(web)));
            } else {
                send("DELETE", envs() + "/" + env, null);
            }
        }
        crashPoints.addAll(killWhenInFlight("UPDATING', 'DELETING", 3, false));

        // Creates killed early, while their first steps are in flight.
        for (int i = 0; i < 8; i++) {
            send("POST", envs(), webWithVolume("e" + i));
        }
        crashPoints.addAll(killWhenInFlight("CREATING", 1, false));

        System.out.printf("crash recovery: %d operations interrupted by 3 kills, at ledger sizes %s; %d environments; "
                + "%d leaked resources%n", crashPoints.size(), new TreeSet<>(crashPoints), seen.size(), leakedResources());
        assertThat(crashPoints.size()).as("operations the kills interrupted").isGreaterThanOrEqualTo(10);
        assertThat(new TreeSet<>(crashPoints)).as("distinct points of the graph the kills fell on")
                .hasSizeGreaterThanOrEqualTo(distinctCrashPoints());
    }

    @Test
    void aGracefulStopLetsWorkInFlightFinishAndHoldsNoLease() throws Exception {
        CompletableFuture<Integer> create = send("POST", envs(), webWithVolume("graceful"));
        String inFlight = "SELECT count(*) FROM application_environment WHERE application = '" + app
                + "' AND env_name = 'graceful' AND status = 'CREATING'";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count(inFlight) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count(inFlight)).as("the create is in flight").isEqualTo(1);

        paddock.stop();

        assertThat(create.get()).as("the create's answer").isEqualTo(201);
        assertThat(count("SELECT count(*) FROM application_environment WHERE application = '" + app
                + "' AND env_name = 'graceful' AND status = 'ACTIVE' AND lease_owner IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM application_environment WHERE application = '" + app
                + "' AND lease_owner IS NOT NULL AND lease_expires_at > now()")).isZero();
        paddock.start();
    }

    /**
     * Waits until at least {@code wanted} environments are in the status (and, with {@code midGraph}, one of them
     * has some but not all of its resources recorded), or 10 s pass; then kills Paddock with
     * SIGKILL, starts it again, waits until everything is whole and checks the inventory. Answers the ledger
     * size of each environment the kill interrupted: how far through its graph it was.
     */
    private List<Integer> killWhenInFlight(String statuses, int wanted, boolean midGraph) throws Exception {
        String inFlight = "SELECT count(*) FROM application_environment WHERE application = '" + app
                + "' AND status IN ('" + statuses + "')";
        String halfway = inFlight + " AND (SELECT count(*) FROM provisioned_resource p WHERE p.environment_id = "
                + "application_environment.id) BETWEEN 1 AND 11";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((count(inFlight) < wanted || (midGraph && count(halfway) == 0)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        paddock.kill();
        remember();
        List<Integer> points = new ArrayList<>();
        try (Connection c = database(); Statement q = c.createStatement();
                ResultSet rs = q.executeQuery("SELECT (SELECT count(*) FROM provisioned_resource p WHERE p.environment_id = e.id) "
                        + "FROM application_environment e WHERE application = '" + app
                        + "' AND status IN ('CREATING', 'UPDATING', 'DELETING')")) {
            while (rs.next()) {
                points.add(rs.getInt(1));
            }
        }
        paddock.start();
        long settled = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (count("SELECT count(*) FROM application_environment WHERE application = '" + app
                + "' AND status IN ('CREATING', 'UPDATING', 'DELETING')") > 0) {
            assertThat(System.nanoTime()).as("environments still unsettled 90 s after the restart").isLessThan(settled);
            Thread.sleep(250);
        }
        assertThat(count("SELECT count(*) FROM environment_operation WHERE application = '" + app
                + "' AND (ended_at IS NULL OR status IN ('RUNNING', 'PENDING', 'CANCELLING'))"))
                .as("operations still running once every environment has settled").isZero();
        assertThat(count("SELECT count(*) FROM environment_operation WHERE application = '" + app + "'"))
                .as("operations recorded").isGreaterThanOrEqualTo(points.size());
        assertInventoryMatchesLedger();
        return points;
    }

    void remember() throws SQLException {
        try (Connection c = database(); Statement q = c.createStatement();
                ResultSet rs = q.executeQuery("SELECT id FROM application_environment WHERE application = '" + app + "'")) {
            while (rs.next()) {
                seen.add(rs.getObject(1, UUID.class));
            }
        }
    }

    private void assertInventoryMatchesLedger() throws SQLException {
        remember();
        try (Connection c = database(); Statement q = c.createStatement()) {
            Map<UUID, Set<String>> ledger = group(q, "SELECT environment_id, provider_id FROM provisioned_resource"
                    + " WHERE provider = '" + provider() + "'");
            Map<UUID, Set<String>> inventory = new HashMap<>(inventory(seen));
            ledger.keySet().retainAll(seen);
            inventory.keySet().retainAll(seen);
            Map<UUID, String> status = new HashMap<>();
            try (ResultSet rs = q.executeQuery("SELECT id, status FROM application_environment WHERE application = '" + app + "'")) {
                while (rs.next()) {
                    status.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
            assertThat(inventory).as("the cloud inventory, by environment, against the ledger").isEqualTo(ledger);
            for (Map.Entry<UUID, Set<String>> owned : inventory.entrySet()) {
                String s = status.get(owned.getKey());
                assertThat(s).as("environment owning %s", owned.getValue()).isNotNull().isIn("ACTIVE", "STOPPED");
            }
            for (Map.Entry<UUID, String> env : status.entrySet()) {
                if (env.getValue().equals("FAILED")) {
                    assertThat(inventory.get(env.getKey())).as("resources of failed environment %s", env.getKey()).isNull();
                }
            }
        }
    }

    private int leakedResources() throws SQLException {
        int leaked = 0;
        try (Connection c = database(); Statement q = c.createStatement()) {
            Map<UUID, Set<String>> ledger = group(q, "SELECT environment_id, provider_id FROM provisioned_resource"
                    + " WHERE provider = '" + provider() + "'");
            for (Map.Entry<UUID, Set<String>> held : inventory(seen).entrySet()) {
                if (!seen.contains(held.getKey())) {
                    continue; // another test's environment in the same database
                }
                Set<String> unrecorded = new TreeSet<>(held.getValue());
                unrecorded.removeAll(ledger.getOrDefault(held.getKey(), Set.of()));
                leaked += unrecorded.size();
            }
        }
        return leaked;
    }

    static Map<UUID, Set<String>> group(Statement q, String sql) throws SQLException {
        Map<UUID, Set<String>> groups = new HashMap<>();
        try (ResultSet rs = q.executeQuery(sql)) {
            while (rs.next()) {
                groups.computeIfAbsent(rs.getObject(1, UUID.class), k -> new TreeSet<>()).add(rs.getString(2));
            }
        }
        return groups;
    }

    private List<String> names(String status) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database(); Statement q = c.createStatement();
                ResultSet rs = q.executeQuery("SELECT env_name FROM application_environment WHERE application = '" + app
                        + "' AND status = '" + status + "' ORDER BY env_name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = database(); Statement q = c.createStatement(); ResultSet rs = q.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Connection database() throws SQLException {
        String host = System.getenv().getOrDefault("PADDOCK_DB_HOST", "localhost");
        String port = System.getenv().getOrDefault("PADDOCK_DB_PORT", "5432");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + PaddockProcess.testDatabase(),
                System.getenv().getOrDefault("PADDOCK_DB_USER", "paddock"),
                System.getenv().getOrDefault("PADDOCK_DB_PASSWORD", "paddock"));
    }

    private String envs() {
        return "/api/v3/organizations/acme/applications/" + app + "/environments";
    }

    /**
     * Sends a request without waiting for it (a kill cuts most of them off, which is the point). The JDK's
     * client opens a connection per request, so they all reach Paddock at once.
     */
    private static CompletableFuture<Integer> send(String method, String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(paddock.baseUrl() + path))
                    .header("Authorization", Api.ADMIN)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode)
                    .exceptionally(e -> -1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
