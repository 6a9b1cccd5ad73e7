package io.paddock.cron;

import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.CronJobs.job;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.testing.CronJobs;
import io.paddock.testing.EnvironmentRows;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDouble.Request;
import io.paddock.testing.aws.AwsDoubleResource;
import io.paddock.testing.aws.BlockedThreads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Cron jobs with the aws provider against the AWS double: the real Scheduler and ECS SDK clients over their wire
 * protocols. Runs are tasks the double starts the way Scheduler would when a schedule fires.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class CronJobAwsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EnvironmentRows rows;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    CronJobs cronJobs;

    AwsDouble aws;
    BlockedThreads blocked;

    private final String app = unique("shop");
    private UUID environmentId;
    private Map<String, Object> environment;

    private String cron() {
        return path("acme", app) + "/staging/cron";
    }

    @BeforeEach
    void createEnvironment() {
        aws = AwsDoubleResource.aws();
        aws.reset();
        blocked = BlockedThreads.listen();
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        Map<String, Object> migrate = container("migrate");
        migrate.put("essential", false);
        environment = asAdmin().body(request("staging", compose(migrate, web))).post(path("acme", app))
                .then().statusCode(201).extract().as(Map.class);
        environmentId = rows.id(app, "staging");
        // A cron job made and deleted once: Hibernate parses each query the first time it runs, on the event loop,
        // which a loaded machine can stretch past the checker's limit. What is checked is the cron calls as they run
        // from then on; the environment's create is AwsProvisioningTest's to check.
        asAdmin().body(job("warm-up", "rate(1 day)", "x")).post(cron()).then().statusCode(201);
        asAdmin().delete(cron() + "/warm-up").then().statusCode(204);
        aws.reset();
        blocked.clear();
    }

    @AfterEach
    void noEventLoopWasBlocked() {
        aws.reset();
        assertThat(blocked.warnings()).as("Vert.x reported a blocked thread").isEmpty();
    }


    private String scheduleName(String job) {
        return "paddock-" + environmentId.toString().substring(0, 8) + "-" + job;
    }

    @SuppressWarnings("unchecked")
    private String value(String... keys) {
        Object node = environment;
        for (String key : keys) {
            node = ((Map<String, Object>) node).get(key);
        }
        return String.valueOf(node);
    }

    @Test
    void createsAScheduleWhoseTargetRunsTheEnvironmentsTaskWithTheCommand() throws Exception {
        Map<String, Object> body = job("report", "cron(0 3 ? * MON-FRI *)", "php", "artisan", "report");
        body.put("description", "Weekday report");

        asAdmin().body(body).post(cron()).then().statusCode(201)
                .body("targetContainerName", equalTo("web"))
                .body("command", equalTo(List.of("php", "artisan", "report")));

        assertThat(aws.requests().stream().map(Request::operation).toList())
                .containsExactly("GetSchedule", "CreateSchedule");
        assertThat(aws.requests("GetSchedule").get(0).params()).containsEntry("groupName", "default");
        JsonNode create = aws.requests("CreateSchedule").get(0).body();
        assertThat(create.path("ScheduleExpression").asText()).isEqualTo("cron(0 3 ? * MON-FRI *)");
        assertThat(create.path("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
        assertThat(create.path("State").asText()).isEqualTo("ENABLED");
        assertThat(create.path("GroupName").asText()).isEqualTo("default");
        assertThat(create.path("Description").asText()).isEqualTo("Weekday report");
        assertThat(create.path("FlexibleTimeWindow").path("Mode").asText()).isEqualTo("OFF");
        JsonNode target = create.path("Target");
        assertThat(target.path("Arn").asText()).isEqualTo(value("service", "cluster"))
                .isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/paddock-test");
        assertThat(target.path("RoleArn").asText()).isEqualTo(AwsDoubleResource.SCHEDULER_ROLE);
        JsonNode ecs = target.path("EcsParameters");
        assertThat(ecs.path("TaskDefinitionArn").asText()).isEqualTo(value("taskDefinition", "arn"));
        assertThat(ecs.path("LaunchType").asText()).isEqualTo("FARGATE");
        assertThat(ecs.path("TaskCount").asInt()).isEqualTo(1);
        JsonNode vpc = ecs.path("NetworkConfiguration").path("awsvpcConfiguration");
        assertThat(JSON.convertValue(vpc.path("Subnets"), List.class)).isEqualTo(AwsDoubleResource.SUBNETS);
        assertThat(JSON.convertValue(vpc.path("SecurityGroups"), List.class)).containsExactly(value("securityGroup", "id"));
        assertThat(vpc.path("AssignPublicIp").asText()).isEqualTo("DISABLED");
        Map<String, String> tags = new LinkedHashMap<>();
        ecs.path("Tags").forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
        assertThat(tags).containsEntry("paddock:environment-id", environmentId.toString())
                .containsEntry("paddock:organisation", "acme")
                .containsEntry("paddock:application", app)
                .containsEntry("paddock:env-name", "staging")
                .containsEntry("paddock:cron-job", "report")
                .containsEntry("paddock:cron-schedule", scheduleName("report"));
        assertThat(JSON.readTree(target.path("Input").asText())).isEqualTo(JSON.readTree(
                "{\"containerOverrides\":[{\"name\":\"web\",\"command\":[\"php\",\"artisan\",\"report\"]}]}"));
        assertThat(aws.find("arn:aws:scheduler:eu-west-1:123456789012:schedule/default/" + scheduleName("report")))
                .isPresent();
        assertThat(support.ledgerKinds(environmentId)).contains("SCHEDULE");
    }

    @Test
    void findsTheScheduleAnEarlierAttemptMadeAndUpdatesItInsteadOfMakingASecond() {
        String name = scheduleName("again");
        String arn = "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/" + name;
        ObjectNode state = JSON.createObjectNode();
        state.set("request", JSON.createObjectNode().put("ScheduleExpression", "rate(5 minutes)").put("State", "ENABLED"));
        aws.add(new AwsDouble.Resource("schedule", arn, name, Map.of(), state));

        asAdmin().body(job("again", "rate(1 hour)", "x")).post(cron()).then().statusCode(201);

        assertThat(aws.requests().stream().map(Request::operation).toList())
                .containsExactly("GetSchedule", "UpdateSchedule");
        assertThat(aws.find(arn).orElseThrow().state().path("request").path("ScheduleExpression").asText())
                .isEqualTo("rate(1 hour)");
        assertThat(aws.inventory("schedule").stream().filter(s -> s.name().equals(name))).hasSize(1);
    }

    @Test
    void updatesTheScheduleInPlaceAndDisablesIt() {
        asAdmin().body(job("digest", "rate(1 hour)", "digest")).post(cron()).then().statusCode(201);
        aws.reset();

        asAdmin().body(Map.of("scheduleExpression", "rate(6 hours)", "isEnabled", false, "command", List.of("digest", "-v")))
                .patch(cron() + "/digest").then().statusCode(200).body("isEnabled", equalTo(false));

        assertThat(aws.requests().stream().map(Request::operation).toList()).containsExactly("UpdateSchedule");
        JsonNode update = aws.requests("UpdateSchedule").get(0).body();
        assertThat(update.path("State").asText()).isEqualTo("DISABLED");
        assertThat(update.path("ScheduleExpression").asText()).isEqualTo("rate(6 hours)");
        assertThat(update.path("FlexibleTimeWindow").path("Mode").asText()).isEqualTo("OFF");
        assertThat(update.path("Target").path("EcsParameters").path("TaskDefinitionArn").asText())
                .isEqualTo(value("taskDefinition", "arn"));
        assertThat(update.path("Target").path("Input").asText()).contains("[\"digest\",\"-v\"]");
    }

    @Test
    void deletesTheSchedule() {
        asAdmin().body(job("gone", "rate(1 day)", "x")).post(cron()).then().statusCode(201);
        aws.reset();

        asAdmin().delete(cron() + "/gone").then().statusCode(204);

        assertThat(aws.requests("DeleteSchedule")).hasSize(1);
        assertThat(aws.requests("DeleteSchedule").get(0).params()).containsEntry("groupName", "default");
        assertThat(aws.inventory("schedule").stream().map(AwsDouble.Resource::name)).doesNotContain(scheduleName("gone"));
        assertThat(support.ledgerKinds(environmentId)).doesNotContain("SCHEDULE");
    }

    @Test
    void aRefusedCreateScheduleIsA502AndLeavesNothing() {
        aws.fail("CreateSchedule", 400, "ValidationException", "The role cannot be assumed by Scheduler.", -1);

        Response failed = asAdmin().body(job("refused", "rate(1 hour)", "x")).post(cron());

        assertError(failed, 502, "ProvisioningFailed")
                .body("message", containsString("CreateSchedule"))
                .body("message", containsString("ValidationException: The role cannot be assumed by Scheduler."));
        assertThat(cronJobs.rows(environmentId)).isZero();
        assertThat(aws.inventory("schedule").stream().map(AwsDouble.Resource::name)).doesNotContain(scheduleName("refused"));
        assertThat(support.ledgerKinds(environmentId)).doesNotContain("SCHEDULE");
        asAdmin().get(cron()).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void listsTheTasksTheScheduleStartedAsRuns() {
        asAdmin().body(job("nightly", "cron(0 2 * * ? *)", "run", "nightly")).post(cron()).then().statusCode(201);
        asAdmin().body(job("other", "rate(1 hour)", "other")).post(cron()).then().statusCode(201);
        String succeeded = aws.fire(scheduleName("nightly"));
        aws.stopTask(succeeded, 0);
        String failed = aws.fire(scheduleName("nightly"));
        aws.stopTask(failed, 3);
        String running = aws.fire(scheduleName("nightly"));
        aws.fire(scheduleName("other"));
        aws.reset();

        Response runs = asAdmin().get(cron() + "/nightly/runs");

        runs.then().statusCode(200)
                .body("", hasSize(3))
                .body("runId", equalTo(List.of(id(running), id(failed), id(succeeded))))
                .body("status", equalTo(List.of("RUNNING", "FAILED", "SUCCEEDED")))
                .body("exitCode", equalTo(java.util.Arrays.asList(null, 3, 0)))
                .body("runType", equalTo(List.of("CRON", "CRON", "CRON")))
                .body("[0].command", equalTo("run nightly"))
                // The task's logs are not read yet: no output.
                .body("output", equalTo(List.of(List.of(), List.of(), List.of())))
                .body("[0].scheduleName", equalTo(scheduleName("nightly")))
                .body("[2].endTime", org.hamcrest.Matchers.notNullValue());
        List<Request> listed = aws.requests("ListTasks");
        assertThat(listed).hasSize(2);
        assertThat(listed.stream().map(r -> r.body().path("desiredStatus").asText()).sorted().toList())
                .containsExactly("RUNNING", "STOPPED");
        assertThat(listed.get(0).body().path("family").asText()).isEqualTo(value("taskDefinition", "family"));
        assertThat(aws.requests("DescribeTasks").get(0).body().path("include").toString()).contains("TAGS");

        asAdmin().get(cron() + "/nightly/runs/" + id(failed)).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("exitCode", equalTo(3));
        assertError(asAdmin().get(cron() + "/other/runs/" + id(failed)), 404, "NotFoundError");
    }

    @Test
    void anEnvironmentUpdateMovesTheSchedulesToTheNewRevision() {
        asAdmin().body(job("follow", "rate(1 hour)", "x")).post(cron()).then().statusCode(201);
        aws.reset();
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        web.put("cpu", 512);

        asAdmin().body(Map.of("composeDefinition", compose(web))).put(path("acme", app) + "/staging").then().statusCode(202);

        assertThat(eventually(() -> !aws.requests("UpdateSchedule").isEmpty())).isTrue();
        String revision = asAdmin().get(path("acme", app) + "/staging").then().extract().path("taskDefinition.arn");
        assertThat(revision).isNotEqualTo(value("taskDefinition", "arn"));
        assertThat(aws.requests("UpdateSchedule").get(0).body().path("Target").path("EcsParameters")
                .path("TaskDefinitionArn").asText()).isEqualTo(revision);
    }

    @Test
    void deletingTheEnvironmentLeavesNoScheduleBehind() {
        asAdmin().body(job("first", "rate(1 hour)", "x")).post(cron()).then().statusCode(201);
        asAdmin().body(job("second", "cron(0 1 * * ? *)", "y")).post(cron()).then().statusCode(201);

        asAdmin().delete(path("acme", app) + "/staging").then().statusCode(204);

        assertThat(eventually(() -> support.ledger(environmentId).isEmpty())).isTrue();
        String prefix = "paddock-" + environmentId.toString().substring(0, 8) + "-";
        assertThat(aws.inventory("schedule").stream().map(AwsDouble.Resource::name).filter(n -> n.startsWith(prefix)))
                .isEmpty();
        assertThat(aws.requests("DeleteSchedule")).hasSize(2);
        List<String> order = aws.requests().stream().map(Request::operation)
                .filter(op -> op.equals("DeleteSchedule") || op.equals("DeleteService")
                        || op.equals("DeregisterTaskDefinition"))
                .toList();
        assertThat(order.subList(0, 2)).containsOnly("DeleteSchedule");
        assertThat(eventually(() -> cronJobs.rows(environmentId) == 0)).isTrue();
    }

    private static String id(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

}
