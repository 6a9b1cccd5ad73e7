package io.paddock.events;

import static io.paddock.testing.Api.ADMIN;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.paddock.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.paddock.provisioning.Retention;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The event stream over real HTTP: what it sends, to whom, and how a client resumes. */
@QuarkusTest
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource db;

    @Inject
    Retention retention;

    private final String organisation = unique("streamed");
    private final List<Stream<String>> open = new ArrayList<>();

    /** One event as the stream sent it. */
    record Received(String id, String name, JsonNode data) {
    }

    /** Opens a stream; its events arrive in the queue as they come. */
    private BlockingQueue<Received> stream(String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/v3/organizations/" + organisation + "/events"))
                .header("Authorization", token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        BlockingQueue<Received> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        open.add(response.body());
        CompletableFuture.runAsync(() -> {
            String[] event = new String[3];
            response.body().forEach(line -> {
                if (line.startsWith("id:")) {
                    event[0] = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event[1] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    event[2] = line.substring(5).strip();
                } else if (line.isEmpty() && event[2] != null) {
                    try {
                        events.add(new Received(event[0], event[1], JSON.readTree(event[2])));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    event[0] = event[1] = event[2] = null;
                }
            });
        });
        return events;
    }

    /** Closing the body hangs up, which ends the stream on the server too. */
    @AfterEach
    void closeStreams() {
        open.forEach(Stream::close);
    }

    private static Received next(BlockingQueue<Received> events) throws InterruptedException {
        Received event = events.poll(20, TimeUnit.SECONDS);
        assertThat(event).as("an event within 20 s").isNotNull();
        return event;
    }

    /** The next event named {@code name}, past those of the other kind. */
    private static Received next(String name, BlockingQueue<Received> events) throws InterruptedException {
        Received event = next(events);
        while (!event.name().equals(name)) {
            event = next(events);
        }
        return event;
    }

    @Test
    void aStreamSeesACreatesOperationStartAndSucceed() throws Exception {
        BlockingQueue<Received> events = stream(ADMIN, null);
        String app = unique("shop");
        String operation = asAdmin().body(request("dev", compose(container("web")))).post(path(organisation, app))
                .then().statusCode(201).extract().header("Operation-Id");

        Received started = next("operation", events);
        assertThat(started.data().path("operationId").asText()).isEqualTo(operation);
        assertThat(started.data().path("operationType").asText()).isEqualTo("CREATE");
        assertThat(started.data().path("status").asText()).isEqualTo("RUNNING");
        assertThat(started.data().path("application").asText()).isEqualTo(app);
        Received ended = next("operation", events);
        assertThat(ended.data().path("operationId").asText()).isEqualTo(operation);
        assertThat(ended.data().path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ended.data().path("previousStatus").asText()).isEqualTo("RUNNING");
    }

    @Test
    void aStreamSeesACreateBecomeActiveAndResumesAfterTheLastEventItSaw() throws Exception {
        BlockingQueue<Received> events = stream(ADMIN, null);
        String app = unique("shop");
        asAdmin().body(request("dev", compose(container("web")))).post(path(organisation, app)).then().statusCode(201);

        Received creating = next("environment", events);
        assertThat(creating.name()).isEqualTo("environment");
        assertThat(creating.data().path("application").asText()).isEqualTo(app);
        assertThat(creating.data().path("envName").asText()).isEqualTo("dev");
        assertThat(creating.data().path("status").asText()).isEqualTo("CREATING");
        assertThat(creating.data().path("previousStatus").isNull()).isTrue();
        assertThat(creating.data().path("id").asText()).isEqualTo(creating.id());
        Received active = next("environment", events);
        assertThat(active.data().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.data().path("previousStatus").asText()).isEqualTo("CREATING");

        asAdmin().delete(path(organisation, app) + "/dev").then().statusCode(204);
        assertThat(next("environment", events).data().path("status").asText()).isEqualTo("DELETING");
        assertThat(next("environment", events).data().path("status").asText()).isEqualTo("DELETED");

        BlockingQueue<Received> resumed = stream(ADMIN, creating.id());
        assertThat(next("environment", resumed).data().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(next("environment", resumed).data().path("status").asText()).isEqualTo("DELETING");
        assertThat(next("environment", resumed).data().path("status").asText()).isEqualTo("DELETED");
    }

    @Test
    void anEnvironmentTokenSeesItsEnvironmentsOnlyAndOtherOrganisationsSeeNothing() throws Exception {
        BlockingQueue<Received> mine = stream(Api.token(organisation, "prod"), null);
        String app = unique("shop");
        asAdmin().body(request("dev", compose(container("web")))).post(path(organisation, app)).then().statusCode(201);
        asAdmin().body(request("prod", compose(container("web")))).post(path(organisation, app)).then().statusCode(201);
        asAdmin().body(request("prod", compose(container("web")))).post(path(unique("other"), app)).then().statusCode(201);

        List<Received> seen = new ArrayList<>();
        seen.add(next(mine));
        Received more;
        while ((more = mine.poll(2, TimeUnit.SECONDS)) != null) {
            seen.add(more);
        }
        assertThat(seen).as("nothing of dev, nor of another organisation")
                .allSatisfy(event -> {
                    assertThat(event.data().path("envName").asText()).isEqualTo("prod");
                    assertThat(event.data().path("organisation").asText()).isEqualTo(organisation);
                });
        assertThat(seen.stream().filter(event -> event.name().equals("environment"))
                .map(event -> event.data().path("status").asText())).containsExactly("CREATING", "ACTIVE");
        assertThat(seen.stream().filter(event -> event.name().equals("operation"))
                .map(event -> event.data().path("status").asText())).containsExactly("RUNNING", "SUCCEEDED");

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/v3/organizations/" + organisation + "/events"))
                .header("Authorization", Api.token(unique("other"), null)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    /** Another replica's change reaches this replica's streams: the stream reads what the database recorded. */
    @Test
    void aChangeWrittenByAnotherReplicaIsStreamed() throws Exception {
        BlockingQueue<Received> events = stream(ADMIN, null);
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("INSERT INTO environment_event (organisation, application, "
                        + "env_name, environment_id, status, previous_status) VALUES (?, 'elsewhere', 'dev', ?, 'STOPPED', "
                        + "'UPDATING')")) {
            q.setString(1, organisation);
            q.setObject(2, UUID.randomUUID());
            q.executeUpdate();
        }
        Received event = next(events);
        assertThat(event.data().path("application").asText()).isEqualTo("elsewhere");
        assertThat(event.data().path("status").asText()).isEqualTo("STOPPED");
    }

    @Test
    void aLastEventIdThatNamesNoEventIsRefused() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/v3/organizations/" + organisation + "/events"))
                .header("Authorization", ADMIN).header("Last-Event-ID", "yesterday").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("details").path(0).path("path").asText()).isEqualTo("Last-Event-ID");
    }

    @Test
    void oldEventsAreRemoved() throws Throwable {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("INSERT INTO environment_event (organisation, application, "
                        + "env_name, environment_id, status, at) VALUES (?, 'old', 'dev', ?, 'ACTIVE', now() - interval '2 days')")) {
            q.setString(1, organisation);
            q.setObject(2, UUID.randomUUID());
            q.executeUpdate();
        }
        assertThat(count()).isEqualTo(1);
        VertxContextSupport.subscribeAndAwait(() -> retention.removeOld(EnvironmentEvents.RETAINED));
        assertThat(count()).isZero();
    }

    private long count() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM environment_event WHERE organisation = ?")) {
            q.setString(1, organisation);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
