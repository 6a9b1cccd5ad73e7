package io.paddock.environments;

import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.token;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.CronJobs.job;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.paddock.testing.EnvironmentRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The list of an application's environments, read on the SQL client with only the columns its body shows, against
 * the same environments read one by one (through Hibernate Reactive): every element is the body a GET of it gives.
 */
@QuarkusTest
class EnvironmentListTest {

    @Inject EnvironmentRows rows;

    private final String app = unique("list");

    @Test
    void showsEveryEnvironmentButDeletingOnesAsTheirOwnGetShowsThem() {
        asAdmin().body(webWithVolume("b-web")).post(path("acme", app)).then().statusCode(201);
        asAdmin().body(request("a-plain", compose(container("web"), container("worker")))).post(path("acme", app))
                .then().statusCode(201);
        asAdmin().body(request("c-stopped", compose(container("web")))).post(path("acme", app)).then().statusCode(201);
        asAdmin().body(Map.of("action", "stop")).put(path("acme", app) + "/c-stopped/state").then().statusCode(204);
        asAdmin().body(job("nightly", "cron(0 3 * * ? *)", "php", "artisan", "report:send"))
                .post(path("acme", app) + "/b-web/cron").then().statusCode(201);
        // Rows with no provisioned document: one being created by another replica, one whose create failed, one
        // being deleted (not shown).
        UUID creating = rows.seed(app, "d-creating", "CREATING", UUID.randomUUID(), false);
        UUID failed = rows.seed(app, "e-failed", "FAILED", null, false);
        UUID deleting = rows.seed(app, "f-deleting", "DELETING", UUID.randomUUID(), false);
        try {
            JsonPath list = asAdmin().get(path("acme", app)).then().statusCode(200).extract().jsonPath();

            assertThat(list.getList("envName")).containsExactly("a-plain", "b-web", "c-stopped", "d-creating", "e-failed");
            assertThat(list.getList("status")).containsExactly("ACTIVE", "ACTIVE", "STOPPED", "CREATING", "FAILED");
            for (int i = 0; i < 5; i++) {
                Map<String, Object> listed = list.getMap("[" + i + "]");
                Map<String, Object> one = asAdmin().get(path("acme", app) + "/" + listed.get("envName")).then()
                        .statusCode(200).extract().jsonPath().getMap("$");
                assertThat(listed).as("element %d of the list", i).isEqualTo(one);
            }
            assertThat(list.getList("[0].containerNames")).containsExactly("web", "worker");
            assertThat(list.getList("[1].cron.name")).containsExactly("nightly");
            assertThat(list.getList("[0].cron")).isEmpty();
            assertThat(list.getList("[1].volumes.volumeName")).containsExactly("files");
            assertThat(list.getString("[1].albRouting.containerName")).isEqualTo("web");
            assertThat(list.getString("[3].taskDefinition")).isNull();
            assertThat(list.getString("[3].deploymentStatus")).isEqualTo("IN_PROGRESS");
            assertThat(list.getString("[4].deploymentFailureType")).isEqualTo("CREATE_FAILED");
        } finally {
            rows.remove(creating, failed, deleting);
        }
    }

    @Test
    void aChangedComposeShowsInTheNextList() {
        asAdmin().body(request("dev", compose(container("web")))).post(path("acme", app)).then().statusCode(201);
        assertThat(asAdmin().get(path("acme", app)).jsonPath().getList("[0].containerNames")).containsExactly("web");

        asAdmin().body(Map.of("composeDefinition", compose(container("web"), container("sidecar"))))
                .put(path("acme", app) + "/dev").then().statusCode(202);

        // The change's compose is stored when it starts (UPDATING); the environment is ACTIVE again once it is done.
        assertThat(eventually(() -> {
            JsonPath listed = asAdmin().get(path("acme", app)).jsonPath();
            return "ACTIVE".equals(listed.getString("[0].status"))
                    && List.of("web", "sidecar").equals(listed.getList("[0].containerNames"));
        })).isTrue();
        JsonPath list = asAdmin().get(path("acme", app)).jsonPath();
        Map<String, Object> one = asAdmin().get(path("acme", app) + "/dev").jsonPath().getMap("$");
        assertThat(list.getMap("[0]")).isEqualTo(one);
    }

    @Test
    void aRowChangedOutsideThisReplicaShowsInTheNextList() {
        asAdmin().body(request("dev", compose(container("web")))).post(path("acme", app)).then().statusCode(201);
        String first = asAdmin().get(path("acme", app)).then().statusCode(200).extract().asString();
        // Read again, the documents of the unchanged row are not sent again; the body is the same.
        assertThat(asAdmin().get(path("acme", app)).then().statusCode(200).extract().asString()).isEqualTo(first);

        rows.interruptUpdate(rows.id(app, "dev"), "{\"containers\":[{\"name\":\"web\"},{\"name\":\"other\"}]}");

        JsonPath list = asAdmin().get(path("acme", app)).jsonPath();
        assertThat(list.getString("[0].status")).isEqualTo("UPDATING");
        assertThat(list.getList("[0].containerNames")).containsExactly("web", "other");
    }

    @Test
    void aTokenOfOneEnvironmentListsThatEnvironmentOnly() {
        asAdmin().body(request("dev", compose(container("web")))).post(path("acme", app)).then().statusCode(201);
        asAdmin().body(request("prod", compose(container("web")))).post(path("acme", app)).then().statusCode(201);

        assertThat(as(token("acme", "prod")).get(path("acme", app)).then().statusCode(200).extract().jsonPath()
                .getList("envName")).containsExactly("prod");
        assertThat(as(token("acme", null)).get(path("acme", app)).then().statusCode(200).extract().jsonPath()
                .getList("envName")).containsExactly("dev", "prod");
        assertThat(as(token("acme", "staging")).get(path("acme", app)).then().statusCode(200).extract().jsonPath()
                .getList("envName")).isEmpty();
    }
}
