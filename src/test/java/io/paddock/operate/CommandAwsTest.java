package io.paddock.operate;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.paddock.testing.aws.BlockedThreads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** One-off commands with the aws provider: ECS RunTask and DescribeTasks, the output from CloudWatch Logs. */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class CommandAwsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    AwsDouble aws;
    BlockedThreads blocked;

    private final String app = unique("shop");
    private Map<String, Object> environment;

    private String commands() {
        return "/api/v3/organizations/acme/environments/" + environment.get("id") + "/commands";
    }

    @BeforeEach
    @SuppressWarnings("unchecked")
    void createEnvironment() {
        aws = AwsDoubleResource.aws();
        aws.reset();
        blocked = BlockedThreads.listen();
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        environment = asAdmin().body(request("staging", compose(web, container("worker")))).post(path("acme", app))
                .then().statusCode(201).extract().as(Map.class);
        // Hibernate parses each query the first time it runs, on the event loop: that is done before the check starts.
        asAdmin().get(path("acme", app) + "/staging").then().statusCode(200);
        asAdmin().get(commands()).then().statusCode(200);
        asAdmin().get(commands() + "/" + java.util.UUID.randomUUID()).then().statusCode(404);
        aws.reset();
        blocked.clear();
    }

    @AfterEach
    void noEventLoopWasBlocked() {
        aws.reset();
        assertThat(blocked.warnings()).as("Vert.x reported a blocked thread").isEmpty();
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
    void runsATaskOfTheEnvironmentsDefinitionWithTheCommandAndFollowsItToItsEnd() throws Exception {
        Response started = asAdmin().body(Map.of("command", "php artisan migrate --force")).post(commands());
        started.then().statusCode(200);
        String runId = started.path("runId");
        String taskArn = started.path("taskArn");

        JsonNode run = aws.requests("RunTask").get(0).body();
        assertThat(run.path("cluster").asText()).isEqualTo(value("service", "cluster"));
        assertThat(run.path("taskDefinition").asText()).isEqualTo(value("taskDefinition", "arn"));
        assertThat(run.path("launchType").asText()).isEqualTo("FARGATE");
        assertThat(run.path("clientToken").asText()).isEqualTo(runId);
        JsonNode vpc = run.path("networkConfiguration").path("awsvpcConfiguration");
        assertThat(JSON.convertValue(vpc.path("subnets"), List.class)).isEqualTo(AwsDoubleResource.SUBNETS);
        assertThat(JSON.convertValue(vpc.path("securityGroups"), List.class)).containsExactly(value("securityGroup", "id"));
        JsonNode override = run.path("overrides").path("containerOverrides").path(0);
        assertThat(override.path("name").asText()).isEqualTo("web");
        assertThat(JSON.convertValue(override.path("command"), List.class))
                .containsExactly("/bin/sh", "-c", "php artisan migrate --force");
        assertThat(run.path("tags").toString()).contains("paddock:command-id").contains(runId);
        assertThat(started.<String>path("status")).isEqualTo("PENDING");

        aws.startTask(taskArn);
        assertThat(asAdmin().get(commands() + "/" + runId).then().statusCode(200).extract().<String>path("status"))
                .isEqualTo("RUNNING");

        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        String group = "/paddock/" + value("service", "name");
        aws.putLogEvent(group, "web/web/" + taskId, System.currentTimeMillis(), "Migrating: 2026_12_02_create_orders");
        aws.putLogEvent(group, "web/web/" + taskId, System.currentTimeMillis() + 1, "Migrated");
        aws.putLogEvent(group, "web/web/0000other0000task", System.currentTimeMillis(), "another task's line");
        aws.stopTask(taskArn, 0);
        aws.reset();

        Response done = asAdmin().get(commands() + "/" + runId);
        done.then().statusCode(200);
        assertThat(done.<String>path("status")).isEqualTo("SUCCEEDED");
        assertThat(done.<Integer>path("exitCode")).isZero();
        assertThat(done.<List<String>>path("output")).containsExactly("Migrating: 2026_12_02_create_orders", "Migrated");
        JsonNode filter = aws.requests("FilterLogEvents").get(0).body();
        assertThat(filter.path("logStreamNamePrefix").asText()).isEqualTo("web/web/" + taskId);
        assertThat(aws.requests("DescribeTasks")).hasSize(1);

        aws.reset();
        asAdmin().get(commands() + "/" + runId).then().statusCode(200);
        asAdmin().get(commands()).then().statusCode(200);
        assertThat(aws.requests("DescribeTasks")).as("a stopped task's end is kept, not asked again").isEmpty();
    }

    @Test
    void aFailedCommandReportsItsContainersExitCode() {
        String taskArn = asAdmin().body(Map.of("command", "false")).post(commands()).then().statusCode(200)
                .extract().path("taskArn");
        aws.startTask(taskArn);
        aws.stopTask(taskArn, 1);

        Response list = asAdmin().get(commands());

        assertThat(list.<List<String>>path("status")).containsExactly("FAILED");
        assertThat(list.<List<Integer>>path("exitCode")).containsExactly(1);
    }

    @Test
    void retriesAThrottledRunTask() {
        aws.throttle("RunTask", 2);

        asAdmin().body(Map.of("command", "ls")).post(commands()).then().statusCode(200);

        assertThat(aws.requests("RunTask")).hasSize(3);
        assertThat(aws.requests("RunTask").stream().map(r -> r.body().path("clientToken").asText()).distinct())
                .hasSize(1);
    }

    @Test
    void aRefusedTaskLeavesNoCommand() {
        aws.fail("RunTask", 400, "AccessDeniedException", "User is not authorized to perform: ecs:RunTask", 1);

        Response refused = asAdmin().body(Map.of("command", "ls")).post(commands());

        assertError(refused, 502, "ProvisioningFailed");
        assertThat(refused.<String>path("message")).contains("RunTask").contains("AccessDeniedException");
        assertThat(asAdmin().get(commands()).then().statusCode(200).extract().<List<Object>>path("$")).isEmpty();
    }
}
