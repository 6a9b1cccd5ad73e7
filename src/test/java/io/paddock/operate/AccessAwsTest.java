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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.paddock.testing.aws.BlockedThreads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * Registry login (ECR GetAuthorizationToken, JSON 1.1) and shell access (ECS ListTasks and DescribeTasks, then STS
 * AssumeRole over the query protocol) with the aws provider; what they answer never reaches the log.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class AccessAwsTest {

    AwsDouble aws;
    BlockedThreads blocked;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                    + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final String app = unique("shop");
    private String serviceArn;

    private String shell() {
        return path("acme", app) + "/staging/ssh-access";
    }

    @BeforeEach
    void createEnvironment() {
        aws = AwsDoubleResource.aws();
        aws.reset();
        blocked = BlockedThreads.listen();
        Map<String, Object> worker = container("worker");
        worker.put("essential", false);
        serviceArn = asAdmin().body(request("staging", compose(container("web"), worker))).post(path("acme", app))
                .then().statusCode(201).extract().path("service.arn");
        asAdmin().get(path("acme", app) + "/staging").then().statusCode(200);
        aws.reset();
        blocked.clear();
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void noEventLoopWasBlockedAndNoSecretWasLogged() {
        Logger.getLogger("").removeHandler(capture);
        for (String secret : aws.lastSecrets()) {
            assertThat(logged).noneMatch(line -> line.contains(secret));
        }
        aws.reset();
        assertThat(blocked.warnings()).as("Vert.x reported a blocked thread").isEmpty();
    }

    @Test
    void servicesAreCreatedForECSExec() {
        String other = unique("api");
        aws.reset();
        asAdmin().body(request("staging", compose(container("web")))).post(path("acme", other)).then().statusCode(201);

        assertThat(aws.requests("CreateService").get(0).body().path("enableExecuteCommand").asBoolean()).isTrue();
    }

    @Test
    void aRegistryLoginIsECRsTokenDecoded() {
        Response login = asAdmin().get("/api/v3/organizations/acme/applications/ecr-login");

        login.then().statusCode(200);
        assertThat(login.<String>path("username")).isEqualTo("AWS");
        assertThat(login.<String>path("password")).isEqualTo(aws.lastSecrets().get(0));
        assertThat(login.<String>path("endpoint")).isEqualTo("https://123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(login.<String>path("expiresAt")).endsWith("Z");
    }

    @Test
    void shellCredentialsAreARoleSessionLimitedToOneRunningTask() {
        String task = aws.startServiceTask(serviceArn);

        Response access = asAdmin().get(shell());

        access.then().statusCode(200);
        assertThat(access.<String>path("taskArn")).isEqualTo(task);
        assertThat(access.<String>path("clusterName")).isEqualTo("paddock-test");
        assertThat(access.<List<String>>path("containerNames")).containsExactly("web", "worker");
        assertThat(access.<String>path("credentials.secretAccessKey")).isIn(aws.lastSecrets());
        Map<String, String> assumed = aws.requests("AssumeRole").get(0).params();
        assertThat(assumed).containsEntry("RoleArn", AwsDoubleResource.SHELL_ROLE).containsEntry("DurationSeconds", "900");
        assertThat(assumed.get("RoleSessionName")).startsWith("paddock-");
        JsonObject policy = new JsonObject(assumed.get("Policy"));
        assertThat(policy.getJsonArray("Statement").getJsonObject(0).getString("Action")).isEqualTo("ecs:ExecuteCommand");
        assertThat(policy.getJsonArray("Statement").getJsonObject(0).getJsonArray("Resource").getList()).contains(task);
        assertThat(aws.requests("ListTasks").get(0).body().path("serviceName").asText())
                .isEqualTo(serviceArn.substring(serviceArn.lastIndexOf('/') + 1));
    }

    @Test
    void noRunningTaskIsTheContractsNotFound() {
        assertError(asAdmin().get(shell()), 404, "NoRunningTaskError");
        assertThat(aws.requests("AssumeRole")).isEmpty();
    }

    @Test
    void refusalsAndThrottlingOfSTSAndECR() {
        aws.startServiceTask(serviceArn);
        aws.throttle("AssumeRole", 1);
        aws.throttle("GetAuthorizationToken", 1);
        asAdmin().get(shell()).then().statusCode(200);
        asAdmin().get("/api/v3/organizations/acme/applications/ecr-login").then().statusCode(200);

        aws.fail("AssumeRole", 403, "AccessDenied", "not authorized to perform: sts:AssumeRole", 1);
        Response refused = asAdmin().get(shell());
        assertError(refused, 502, "ProvisioningFailed");
        assertThat(refused.<String>path("message")).contains("AssumeRole").contains("AccessDenied");
    }
}
