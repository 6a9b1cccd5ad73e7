package io.paddock.environments;

import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.Api;
import io.paddock.testing.Environments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class EnvironmentApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String app = unique("shop");

    private String envs() {
        return path("acme", app);
    }

    private Response create(Map<String, Object> body) {
        return asAdmin().body(body).post(envs());
    }

    @Test
    void theSeedsFullExampleRoundTripsEveryField() throws Exception {
        Map<String, Object> body = Environments.resource("requests/create-environment-full.json");
        Response created = create(body);
        created.then().statusCode(201)
                .header("Location", endsWith(envs() + "/staging"))
                .body("envName", equalTo("staging"))
                .body("status", equalTo("ACTIVE"))
                .body("minCapacity", equalTo(1))
                .body("maxCapacity", equalTo(3))
                .body("desiredCount", equalTo(1))
                .body("runningCount", notNullValue())
                .body("cloneConfigurationFrom", nullValue())
                .body("imageSuffix", nullValue())
                .body("taskDefinition.arn", matchesPattern("^arn:aws:ecs:[a-z0-9-]+:\\d{12}:task-definition/.+:\\d+$"))
                .body("taskDefinition.cpu", equalTo(512))
                .body("taskDefinition.memory", equalTo(1024))
                .body("service.arn", matchesPattern("^arn:aws:ecs:.+:service/.+"))
                .body("loadBalancer.hostname", equalTo("staging." + app.toLowerCase() + ".acme." + hostnameDomain(created)))
                .body("loadBalancer.containerPort", equalTo(8080))
                .body("securityGroup.id", matchesPattern("^sg-[0-9a-f]{17}$"))
                .body("subnet.ids", notNullValue())
                .body("vpc.id", matchesPattern("^vpc-[0-9a-f]+$"))
                .body("volumes", hasSize(1))
                .body("volumes[0].volumeName", equalTo("files"))
                .body("volumes[0].rootDirectory", equalTo("/files"))
                .body("volumes[0].environmentEfsId", matchesPattern("^fs-[0-9a-f]{17}$"))
                .body("volumes[0].accessPointId", matchesPattern("^fsap-[0-9a-f]{17}$"))
                .body("volumes[0].accessPointArn", matchesPattern("^arn:aws:elasticfilesystem:.+:access-point/fsap-[0-9a-f]{17}$"))
                .body("cron", empty());
        JsonNode volume = JSON.readTree(created.asString()).get("volumes").get(0);
        // The contract's Volume properties; description is left out when the volume has none, because the
        // contract does not allow it to be null.
        assertThat(iterable(volume.fieldNames())).containsExactlyInAnyOrder("volumeId", "volumeName",
                "environmentEfsId", "createdAt", "rootDirectory", "accessPointId", "accessPointArn");

        // Every compose field the client sent is what the environment runs.
        JsonNode sent = JSON.valueToTree(body.get("composeDefinition"));
        JsonNode stored = JSON.readTree(asAdmin().get(envs() + "/staging/compose").then().statusCode(200).extract().asString());
        assertThat(withoutNulls(stored)).isEqualTo(withDefaultsOfTheSecondContainer((ObjectNode) sent));

        asAdmin().get(envs() + "/staging").then().statusCode(200).body("envName", equalTo("staging"));
    }

    private static String hostnameDomain(Response created) {
        String host = created.path("loadBalancer.hostname");
        return host.substring(host.indexOf(".acme.") + ".acme.".length());
    }

    private static JsonNode withDefaultsOfTheSecondContainer(ObjectNode sent) {
        ObjectNode migrate = (ObjectNode) sent.get("containers").get(1);
        migrate.put("readonlyRootFilesystem", false);
        migrate.put("originProtection", false);
        return sent;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    copy.set(f.getKey(), withoutNulls(f.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(withoutNulls(n)));
            return copy;
        }
        return node;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> names = new java.util.ArrayList<>();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void defaultsAreAppliedAndTheSmallestTaskSizeIsChosen() {
        Map<String, Object> web = container("web");
        web.put("cpu", 300);
        web.put("memory", 700);
        web.put("healthCheck", Map.of("command", List.of("CMD", "true")));
        create(request("dev", compose(web))).then().statusCode(201)
                .body("taskDefinition.cpu", equalTo(512))
                .body("taskDefinition.memory", equalTo(1024))
                .body("minCapacity", equalTo(1))
                .body("maxCapacity", equalTo(1))
                .body("loadBalancer", nullValue())
                .body("volumes", empty());
        asAdmin().get(envs() + "/dev/compose").then().statusCode(200)
                .body("architecture", equalTo("X86_64"))
                .body("taskCpu", equalTo(512))
                .body("taskMemory", equalTo(1024))
                .body("containers[0].essential", equalTo(true))
                .body("containers[0].healthCheck.interval", equalTo(30))
                .body("containers[0].healthCheck.timeout", equalTo(5))
                .body("containers[0].healthCheck.retries", equalTo(3));
    }

    @Test
    void bothSpellingsOfTheOrganisationPathServeTheSameEnvironments() {
        create(request("dev", compose(container("web")))).then().statusCode(201);
        String british = "/api/v3/organisations/acme/applications/" + app + "/environments";
        asAdmin().get(british + "/dev").then().statusCode(200).body("envName", equalTo("dev"));
        asAdmin().get(british).then().statusCode(200).body("envName", equalTo(List.of("dev")));
        asAdmin().body(request("qa", compose(container("web")))).post(british).then().statusCode(201);
        asAdmin().get(envs() + "/qa").then().statusCode(200);
        assertError(asAdmin().get(british + "/missing"), 404, "NotFoundError");
    }

    @Test
    void listAndGetAnswerForExistingEnvironmentsOnly() {
        asAdmin().get(envs()).then().statusCode(200).body("size()", equalTo(0));
        create(request("b-env", compose(container("web")))).then().statusCode(201);
        create(request("a-env", compose(container("web")))).then().statusCode(201);
        asAdmin().get(envs()).then().statusCode(200).body("envName", equalTo(List.of("a-env", "b-env")));
        assertError(asAdmin().get(envs() + "/nope"), 404, "NotFoundError");
    }

    @Test
    void anExistingNameIsRefused() {
        create(request("dev", compose(container("web")))).then().statusCode(201);
        assertError(create(request("dev", compose(container("other")))), 409, "NameExistsError");
    }

    @Test
    void anApplicationHoldsAtMostTheConfiguredNumberOfEnvironments() {
        for (int i = 0; i < 10; i++) {
            create(request("env" + i, compose(container("web")))).then().statusCode(201);
        }
        assertError(create(request("env10", compose(container("web")))), 403, "EnvironmentLimitReached");
        asAdmin().delete(envs() + "/env0").then().statusCode(204);
        create(request("env10", compose(container("web")))).then().statusCode(201);
    }

    @Test
    void cloneCopiesTheComposeAndRewritesInternalImageTags() {
        Map<String, Object> cli = container("cli");
        cli.put("imageReference", Map.of("type", "internal", "identifier", "cli-latest"));
        Map<String, Object> web = container("web");
        web.put("imageReference", Map.of("type", "internal", "identifier", "nodash"));
        Map<String, Object> proxy = container("proxy");
        proxy.put("imageReference", Map.of("type", "external", "identifier", "nginx:1-alpine"));
        create(request("staging", compose(cli, web, proxy))).then().statusCode(201);

        Map<String, Object> clone = Map.of("envName", "feature", "cloneConfigurationFrom", "staging", "imageSuffix", "feature-xyz");
        create(clone).then().statusCode(201)
                .body("cloneConfigurationFrom", equalTo("staging"))
                .body("imageSuffix", equalTo("feature-xyz"));
        asAdmin().get(envs() + "/feature/compose").then().statusCode(200)
                .body("containers[0].imageReference.identifier", equalTo("cli-feature-xyz"))
                .body("containers[1].imageReference.identifier", equalTo("nodash-feature-xyz"))
                .body("containers[2].imageReference.identifier", equalTo("nginx:1-alpine"));

        assertError(create(Map.of("envName", "other", "cloneConfigurationFrom", "missing")), 404, "NotFoundError");
    }

    @Test
    void updateRollsOutANewRevision() {
        Response created = create(request("dev", compose(container("web"))));
        int revision = created.path("taskDefinition.revision");
        Map<String, Object> web = container("web");
        web.put("imageReference", Map.of("type", "internal", "identifier", "web-v2"));
        Map<String, Object> update = Map.of("composeDefinition", compose(web), "minCapacity", 2, "maxCapacity", 4);
        asAdmin().body(update).put(envs() + "/dev").then().statusCode(202);

        assertThat(eventually(() -> "ACTIVE".equals(asAdmin().get(envs() + "/dev").path("status")))).isTrue();
        Response after = asAdmin().get(envs() + "/dev");
        after.then().statusCode(200)
                .body("minCapacity", equalTo(2))
                .body("maxCapacity", equalTo(4))
                .body("desiredCount", equalTo(2));
        assertThat((Integer) after.path("taskDefinition.revision")).isGreaterThan(revision);
        asAdmin().get(envs() + "/dev/compose").then().body("containers[0].imageReference.identifier", equalTo("web-v2"));

        assertError(asAdmin().body(update).put(envs() + "/missing"), 404, "NotFoundError");
        assertError(asAdmin().body(Map.of("minCapacity", 1)).put(envs() + "/dev"), 400, "ValidationError");
    }

    @Test
    void stateStopsStartsAndRedeploys() {
        Map<String, Object> body = request("dev", compose(container("web")));
        body.put("minCapacity", 2);
        body.put("maxCapacity", 3);
        create(body).then().statusCode(201);

        asAdmin().body(Map.of("action", "stop")).put(envs() + "/dev/state").then().statusCode(204);
        asAdmin().get(envs() + "/dev").then().body("status", equalTo("STOPPED")).body("desiredCount", equalTo(0));

        asAdmin().body(Map.of("action", "start")).put(envs() + "/dev/state").then().statusCode(204);
        asAdmin().get(envs() + "/dev").then().body("desiredCount", equalTo(2));

        asAdmin().body(Map.of("action", "redeploy", "imageTag", "release-42")).put(envs() + "/dev/state").then().statusCode(204);
        asAdmin().get(envs() + "/dev/compose").then().body("containers[0].imageReference.identifier", equalTo("release-42"));

        assertError(asAdmin().body(Map.of("action", "pause")).put(envs() + "/dev/state"), 400, "ValidationError");
        assertError(asAdmin().body(Map.of("action", "stop", "imageTag", "x")).put(envs() + "/dev/state"), 400, "ValidationError");
        assertError(asAdmin().body(Map.of("action", "stop")).put(envs() + "/missing/state"), 404, "NotFoundError");
    }

    @Test
    void deleteAnswersAtOnceAndTheNameIsFreeImmediately() {
        create(webWithVolume("dev")).then().statusCode(201);
        asAdmin().delete(envs() + "/dev").then().statusCode(204);
        assertError(asAdmin().get(envs() + "/dev"), 404, "NotFoundError");
        asAdmin().get(envs()).then().body("size()", equalTo(0));
        create(webWithVolume("dev")).then().statusCode(201).body("status", equalTo("ACTIVE"));
        assertError(asAdmin().delete(envs() + "/missing"), 404, "NotFoundError");
    }

    @Test
    void environmentTokensReachOnlyTheirEnvironment() {
        String token = Api.token("acme", "ci");
        as(token).body(request("ci", compose(container("web")))).post(envs()).then().statusCode(201);
        assertError(as(token).body(request("prod", compose(container("web")))).post(envs()), 403, "NoAccessError");
        create(request("prod", compose(container("web")))).then().statusCode(201);
        as(token).get(envs()).then().statusCode(200).body("envName", equalTo(List.of("ci")));
        assertError(as(token).get(envs() + "/prod"), 403, "NoAccessError");
        assertError(as(token).delete(envs() + "/prod"), 403, "NoAccessError");

        String otherOrg = Api.token("globex", null);
        assertError(as(otherOrg).get(envs()), 403, "NoAccessError");
    }

    @Test
    void aDisabledCatalogStageTakesNoNewEnvironments() {
        String stage = unique("stage");
        asAdmin().body(Map.of("name", stage, "type", "test")).post("/api/admin/environments").then().statusCode(201);
        asAdmin().post("/api/admin/environments/" + stage + "/off").then().statusCode(204);
        assertError(create(request(stage, compose(container("web")))), 409, "EnvironmentDisabledError");

        asAdmin().post("/api/admin/environments/" + stage + "/on").then().statusCode(204);
        create(request(stage, compose(container("web")))).then().statusCode(201);
        asAdmin().get("/api/admin/environments/" + stage).then().body("projectCount", equalTo(1));
        assertError(asAdmin().delete("/api/admin/environments/" + stage), 409, "EnvironmentInUseError");
    }

    @Test
    void environmentsOfAProtectedStageCannotBeDeleted() {
        create(request("production", compose(container("web")))).then().statusCode(201);
        assertError(asAdmin().delete(envs() + "/production"), 409, "ProtectedEnvironmentError");
        asAdmin().get(envs() + "/production").then().statusCode(200).body("status", equalTo("ACTIVE"));
    }
}
