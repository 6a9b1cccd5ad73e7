package io.paddock.cron;

import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.CronJobs.job;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.testing.CronJobs;
import io.paddock.testing.EnvironmentRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The cron jobs API with the local provider: every call's success and error paths. */
@QuarkusTest
class CronJobApiTest {

    @Inject
    EnvironmentRows rows;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    LocalCloudSettings cloud;

    @Inject
    AgroalDataSource db;

    @Inject
    CronJobs cronJobs;

    private final String app = unique("shop");
    private UUID environmentId;

    private String cron() {
        return path("acme", app) + "/staging/cron";
    }

    @BeforeEach
    void createEnvironment() {
        Map<String, Object> sidecar = container("sidecar");
        sidecar.put("essential", false);
        Map<String, Object> web = container("web");
        asAdmin().body(request("staging", compose(sidecar, web, container("worker")))).post(path("acme", app))
                .then().statusCode(201);
        environmentId = rows.id(app, "staging");
    }

    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }


    private Response create(Map<String, Object> body) {
        return asAdmin().body(body).post(cron());
    }

    @Test
    void createsAJobWithItsScheduleAndShowsItEverywhere() {
        Map<String, Object> body = job("nightly-report", "cron(0 3 * * ? *)", "php", "artisan", "report:send");
        body.put("description", "Sends the nightly report");

        create(body).then().statusCode(201)
                .header("Location", endsWith(cron() + "/nightly-report"))
                .body("name", equalTo("nightly-report"))
                .body("command", equalTo(List.of("php", "artisan", "report:send")))
                .body("scheduleExpression", equalTo("cron(0 3 * * ? *)"))
                .body("description", equalTo("Sends the nightly report"))
                .body("targetContainerName", equalTo("web"))
                .body("isEnabled", equalTo(true))
                .body("createdAt", matchesPattern("^\\d{4}-\\d{2}-\\d{2}T.+"));

        asAdmin().get(cron()).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].name", equalTo("nightly-report"))
                .body("[0].command", equalTo(List.of("php", "artisan", "report:send")));
        asAdmin().get(cron() + "/nightly-report").then().statusCode(200)
                .body("scheduleExpression", equalTo("cron(0 3 * * ? *)"));
        // The environment body lists each job as Quant's Cron: the command as an array of its arguments.
        asAdmin().get(path("acme", app) + "/staging").then().statusCode(200)
                .body("cron", equalTo(List.of(Map.of("name", "nightly-report", "description", "Sends the nightly report",
                        "scheduleExpression", "cron(0 3 * * ? *)", "command", List.of("php", "artisan", "report:send"),
                        "targetContainerName", "web", "isEnabled", true))));
        asAdmin().get(path("acme", app)).then().statusCode(200)
                .body("[0].cron[0].name", equalTo("nightly-report"));
        // The alias spelling serves the same routes.
        asAdmin().get(cron().replace("/organizations/", "/organisations/")).then().statusCode(200).body("", hasSize(1));

        String arn = "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/"
                + "paddock-" + environmentId.toString().substring(0, 8) + "-nightly-report";
        assertThat(support.inInventory(arn)).isTrue();
        assertThat(support.inventoryRow(arn).getJsonObject("attributes").getString("container")).isEqualTo("web");
        assertThat(support.inventoryRow(arn).getJsonObject("attributes").getString("taskDefinition"))
                .isEqualTo(asAdmin().get(path("acme", app) + "/staging").then().extract().path("taskDefinition.arn"));
        assertThat(support.ledgerKinds(environmentId)).contains("SCHEDULE");
    }

    @Test
    void reportsEveryProblemOfABodyAtOnceWithItsPointer() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "bad name!");
        body.put("scheduleExpression", "cron(0 25 * * * *)");
        body.put("command", List.of());
        body.put("targetContainerName", "no such/container");

        Response refused = create(body);

        assertError(refused, 400, "ValidationError");
        assertThat(detailPaths(refused)).containsExactly("/command", "/name", "/scheduleExpression",
                "/scheduleExpression", "/targetContainerName");
        refused.then().body("details.find { it.path == '/scheduleExpression' }.message",
                containsString("hours field \"25\": \"25\" is not in 0-23"));
        asAdmin().get(cron()).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void refusesMissingFieldsUnknownPropertiesAndWrongTypes() {
        Response missing = asAdmin().body(Map.of("description", "x")).post(cron());
        assertError(missing, 400, "ValidationError");
        assertThat(detailPaths(missing)).containsExactly("/command", "/name", "/scheduleExpression");

        Map<String, Object> unknown = job("a", "rate(1 hour)", "true");
        unknown.put("timezone", "UTC");
        assertError(create(unknown), 400, "ValidationError").body("details[0].path", equalTo("/timezone"));

        Map<String, Object> wrongType = job("a", "rate(1 hour)", "true");
        wrongType.put("command", "php artisan");
        assertError(create(wrongType), 400, "ValidationError").body("details[0].path", equalTo("/command"));

        assertError(create(job("a", "at(2026-12-01T10:00:00)", "true")), 400, "ValidationError")
                .body("details[0].message", containsString("at(...) one-time schedules are not supported"));
        assertError(create(job("a", "rate(1 minutes)", "true")), 400, "ValidationError")
                .body("details[0].message", containsString("rate(1 minute)"));
    }

    @Test
    void runsInTheContainerNamedOrTheFirstEssentialOne() {
        Map<String, Object> named = job("in-worker", "rate(1 hour)", "work");
        named.put("targetContainerName", "worker");
        create(named).then().statusCode(201).body("targetContainerName", equalTo("worker"));

        Map<String, Object> unknown = job("elsewhere", "rate(1 hour)", "work");
        unknown.put("targetContainerName", "db");
        assertError(create(unknown), 400, "ValidationError")
                .body("details[0].path", equalTo("/targetContainerName"))
                .body("details[0].message", containsString("sidecar, web, worker"));
    }

    @Test
    void aPatchNamingAnUnknownContainerChangesNothing() {
        create(job("moving", "rate(1 hour)", "x")).then().statusCode(201);

        assertError(asAdmin().body(Map.of("targetContainerName", "db", "isEnabled", false)).patch(cron() + "/moving"),
                400, "ValidationError").body("details[0].path", equalTo("/targetContainerName"));

        asAdmin().get(cron() + "/moving").then().body("targetContainerName", equalTo("web")).body("isEnabled", equalTo(true));
    }

    @Test
    void anEnvironmentTokenReachesOnlyItsOwnEnvironmentsJobs() {
        create(job("scoped", "rate(1 hour)", "x")).then().statusCode(201);
        String staging = io.paddock.testing.Api.token("acme", "staging");
        String production = io.paddock.testing.Api.token("acme", "production");

        io.paddock.testing.Api.as(staging).get(cron()).then().statusCode(200).body("", hasSize(1));
        assertError(io.paddock.testing.Api.as(production).get(cron()), 403, "NoAccessError");
        assertError(io.paddock.testing.Api.as(production).body(job("x", "rate(1 hour)", "x")).post(cron()), 403,
                "NoAccessError");
    }

    @Test
    void oddPathSegmentsAreNotFoundNeverAServerError() {
        create(job("real", "rate(1 hour)", "x")).then().statusCode(201);

        for (String segment : List.of("%20", "..%2F..", "x'%20OR%20'1'='1", "%E2%98%83", "a".repeat(300))) {
            assertError(asAdmin().get(cron() + "/" + segment), 404, "NotFoundError");
            assertError(asAdmin().get(cron() + "/real/runs/" + segment), 404, "NotFoundError");
        }
    }

    @Test
    void refusesADuplicateName() {
        create(job("backup", "rate(1 day)", "backup")).then().statusCode(201);

        assertError(create(job("backup", "rate(2 days)", "backup")), 409, "NameExistsError");
        asAdmin().get(cron()).then().body("", hasSize(1)).body("[0].scheduleExpression", equalTo("rate(1 day)"));
    }

    @Test
    void aCreateThatNeverFinishedHoldsItsNameOnlyUntilItIsAbandoned() throws SQLException {
        reserve("recent", "now()");
        reserve("stale", "now() - interval '1 hour'");

        asAdmin().get(cron()).then().body("", hasSize(0));
        assertError(create(job("recent", "rate(1 hour)", "x")), 409, "NameExistsError");
        create(job("stale", "rate(1 hour)", "x")).then().statusCode(201);
        asAdmin().get(cron()).then().body("name", equalTo(List.of("stale")));
        assertThat(cronJobs.rows(environmentId)).isEqualTo(2);
    }

    /** A cron_job row without a schedule, as a replica that died in the middle of a create leaves it. */
    private void reserve(String name, String updatedAt) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("INSERT INTO cron_job (id, environment_id, name,"
                        + " schedule_expression, command, target_container_name, enabled, schedule_name, created_at,"
                        + " updated_at) VALUES (?, ?, ?, 'rate(1 hour)', '[\"x\"]', 'web', true, ?, " + updatedAt + ", "
                        + updatedAt + ")")) {
            q.setObject(1, UUID.randomUUID());
            q.setObject(2, environmentId);
            q.setString(3, name);
            q.setString(4, "paddock-" + environmentId.toString().substring(0, 8) + "-" + name);
            assertThat(q.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void answersNotFoundForAnUnknownEnvironmentJobOrRun() {
        String other = path("acme", app) + "/nowhere/cron";
        assertError(asAdmin().get(other), 404, "NotFoundError");
        assertError(asAdmin().body(job("a", "rate(1 hour)", "x")).post(other), 404, "NotFoundError");
        assertError(asAdmin().get(cron() + "/ghost"), 404, "NotFoundError");
        assertError(asAdmin().body(Map.of("isEnabled", false)).patch(cron() + "/ghost"), 404, "NotFoundError");
        assertError(asAdmin().delete(cron() + "/ghost"), 404, "NotFoundError");
        assertError(asAdmin().get(cron() + "/ghost/runs"), 404, "NotFoundError");

        create(job("real", "rate(1 hour)", "x")).then().statusCode(201);
        assertError(asAdmin().get(cron() + "/real/runs/0123456789abcdef"), 404, "NotFoundError");
    }

    @Test
    void updatesOnlyWhatIsSentAndTheScheduleWithIt() {
        create(job("digest", "cron(0 6 * * ? *)", "send", "digest")).then().statusCode(201);

        asAdmin().body(Map.of("scheduleExpression", "rate(30 minutes)", "isEnabled", false)).patch(cron() + "/digest")
                .then().statusCode(200)
                .body("scheduleExpression", equalTo("rate(30 minutes)"))
                .body("isEnabled", equalTo(false))
                .body("command", equalTo(List.of("send", "digest")))
                .body("targetContainerName", equalTo("web"));
        asAdmin().get(cron() + "/digest").then().body("isEnabled", equalTo(false))
                .body("scheduleExpression", equalTo("rate(30 minutes)"));
        var attributes = support.inventoryRow(scheduleArn("digest")).getJsonObject("attributes");
        assertThat(attributes.getString("expression")).isEqualTo("rate(30 minutes)");
        assertThat(attributes.getBoolean("enabled")).isFalse();

        Response refused = asAdmin().body(Map.of("scheduleExpression", "rate(30 minute)", "command", List.of()))
                .patch(cron() + "/digest");
        assertError(refused, 400, "ValidationError");
        assertThat(detailPaths(refused)).containsExactly("/command", "/scheduleExpression");
        asAdmin().get(cron() + "/digest").then().body("scheduleExpression", equalTo("rate(30 minutes)"));
    }

    @Test
    void deletesTheJobAndItsSchedule() {
        create(job("cleanup", "rate(1 day)", "cleanup")).then().statusCode(201);

        asAdmin().delete(cron() + "/cleanup").then().statusCode(204);

        assertError(asAdmin().get(cron() + "/cleanup"), 404, "NotFoundError");
        assertThat(support.inInventory(scheduleArn("cleanup"))).isFalse();
        assertThat(support.ledgerKinds(environmentId)).doesNotContain("SCHEDULE");
        create(job("cleanup", "rate(2 days)", "cleanup")).then().statusCode(201);
    }

    @Test
    void changesNeedAnActiveEnvironmentButAStoppedOnesJobsCanBeDeleted() {
        create(job("kept", "rate(1 day)", "x")).then().statusCode(201);
        create(job("dropped", "rate(1 day)", "x")).then().statusCode(201);
        asAdmin().body(Map.of("action", "stop")).put(path("acme", app) + "/staging/state").then().statusCode(204);

        assertError(create(job("other", "rate(1 day)", "x")), 409, "EnvironmentNotActiveError");
        assertError(asAdmin().body(Map.of("isEnabled", false)).patch(cron() + "/kept"), 409, "EnvironmentNotActiveError");
        asAdmin().get(cron() + "/kept").then().statusCode(200);

        asAdmin().delete(cron() + "/dropped").then().statusCode(204);
        assertError(asAdmin().get(cron() + "/dropped"), 404, "NotFoundError");
        assertThat(support.inInventory(scheduleArn("dropped"))).isFalse();
    }

    @Test
    void aFailedCreateScheduleLeavesNothingBehind() {
        cloud.setFailOn(List.of("CreateSchedule"));

        Response failed = create(job("doomed", "rate(1 hour)", "x"));

        assertError(failed, 502, "ProvisioningFailed")
                .body("message", containsString("CreateSchedule"))
                .body("message", containsString("InjectedFailure"));
        assertThat(cronJobs.rows(environmentId)).isZero();
        assertThat(support.ledgerKinds(environmentId)).doesNotContain("SCHEDULE");
        assertThat(support.inventoryTypes(environmentId)).doesNotContain("schedule");

        cloud.setFailOn(List.of());
        create(job("doomed", "rate(1 hour)", "x")).then().statusCode(201);
    }

    @Test
    void listsTheRunsTheScheduleStartedAndOneByItsId() throws Exception {
        create(job("ticker", "rate(1 minute)", "tick", "--now")).then().statusCode(201);
        asAdmin().get(cron() + "/ticker/runs").then().statusCode(200).body("", hasSize(0));

        // Five and a half minutes pass for the simulated schedule.
        cronJobs.shiftSchedule(scheduleArn("ticker"), 330);
        Response runs = asAdmin().get(cron() + "/ticker/runs");

        runs.then().statusCode(200)
                .body("", hasSize(5))
                .body("runType", equalTo(List.of("CRON", "CRON", "CRON", "CRON", "CRON")))
                .body("status", equalTo(List.of("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED")))
                .body("[0].command", equalTo("tick --now"))
                .body("[0].exitCode", equalTo(0))
                .body("[0].output", equalTo(List.of("[paddock local provider] container web runs: tick --now",
                        "[paddock local provider] exited with code 0 after 1s")))
                .body("[0].targetContainerName", equalTo("web"))
                .body("[0].runId", matchesPattern("^[0-9a-f]{32}$"));
        List<String> starts = runs.then().extract().jsonPath().getList("startTime");
        assertThat(Instant.parse(starts.get(0))).isAfter(Instant.parse(starts.get(4)));
        String runId = runs.then().extract().path("[2].runId");
        asAdmin().get(cron() + "/ticker/runs/" + runId).then().statusCode(200)
                .body("runId", equalTo(runId)).body("startTime", equalTo(starts.get(2)));
        // The same question gives the same answer.
        asAdmin().get(cron() + "/ticker/runs").then().body("runId", equalTo(runs.then().extract().path("runId")));

        // Disabled, the schedule stops firing.
        asAdmin().body(Map.of("isEnabled", false)).patch(cron() + "/ticker").then().statusCode(200);
        cronJobs.shiftSchedule(scheduleArn("ticker"), 180);
        asAdmin().get(cron() + "/ticker/runs").then().body("", hasSize(5));
    }

    @Test
    void followsTheEnvironmentToItsNewTaskDefinitionRevision() {
        create(job("follow", "rate(1 hour)", "x")).then().statusCode(201);
        String before = support.inventoryRow(scheduleArn("follow")).getJsonObject("attributes").getString("taskDefinition");

        Map<String, Object> web = container("web");
        web.put("cpu", 512);
        asAdmin().body(Map.of("composeDefinition", compose(web))).put(path("acme", app) + "/staging").then().statusCode(202);

        assertThat(eventually(() -> !before.equals(support.inventoryRow(scheduleArn("follow")).getJsonObject("attributes")
                .getString("taskDefinition")))).isTrue();
        String now = asAdmin().get(path("acme", app) + "/staging").then().extract().path("taskDefinition.arn");
        assertThat(support.inventoryRow(scheduleArn("follow")).getJsonObject("attributes").getString("taskDefinition"))
                .isEqualTo(now);
    }

    @Test
    void deletingTheEnvironmentDeletesItsSchedulesAndJobs() {
        create(job("one", "rate(1 hour)", "x")).then().statusCode(201);
        create(job("two", "cron(0 1 * * ? *)", "y")).then().statusCode(201);

        asAdmin().delete(path("acme", app) + "/staging").then().statusCode(204);

        assertThat(eventually(() -> support.inventory(environmentId).isEmpty() && support.ledger(environmentId).isEmpty()))
                .isTrue();
        assertThat(support.inInventory(scheduleArn("one"))).isFalse();
        assertThat(support.inInventory(scheduleArn("two"))).isFalse();
        assertThat(eventually(() -> cronJobs.rows(environmentId) == 0)).isTrue();
    }

    @Test
    void replaysACreateWithTheSameIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = job("once", "rate(1 hour)", "x");

        asAdmin().header("Idempotency-Key", key).body(body).post(cron()).then().statusCode(201);
        asAdmin().header("Idempotency-Key", key).body(body).post(cron()).then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("name", equalTo("once"));

        asAdmin().get(cron()).then().body("", hasSize(1));
        asAdmin().get(cron() + "/once").then().body("description", nullValue());
    }

    private String scheduleArn(String job) {
        return CronJobs.localScheduleArn(environmentId, job);
    }


}
