package io.paddock.environments;

import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paddock.testing.Api;
import io.paddock.testing.PaddockProcess;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged application with the aws provider, against the AWS protocol double: an environment a 4.19 client asks
 * for with Spot capacity, cross-environment networking and origin protection gets the capacity provider strategy, the
 * shared security group and the listener-rule conditions, and leaves nothing behind when it is deleted.
 */
class AwsEnvironmentIT {

    private static AwsDouble aws;
    private static PaddockProcess paddock;

    private final String app = Api.unique("it-aws");

    @BeforeAll
    static void start() throws Exception {
        aws = AwsDouble.start();
        Map<String, String> settings = new HashMap<>();
        AwsDoubleResource.settings(aws).forEach((key, value) ->
                settings.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        paddock = new PaddockProcess(settings, PaddockProcess.logFile("environment-aws.log"));
        paddock.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (paddock != null) {
            paddock.stop();
        }
        if (aws != null) {
            aws.close();
        }
    }

    private static RequestSpecification asAdmin() {
        return given().baseUri(paddock.baseUrl()).header("Authorization", Api.ADMIN).contentType(ContentType.JSON);
    }

    @Test
    void spotSharedNetworkingAndOriginProtectionReachAwsAndGoWithTheEnvironment() {
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        web.put("originProtectionConfig", Map.of("enabled", true, "ipAllow", List.of("203.0.113.0/24"),
                "redirectHost", "www.example.com"));
        Map<String, Object> compose = new LinkedHashMap<>();
        compose.put("containers", List.of(web));
        compose.put("minCapacity", 2);
        compose.put("maxCapacity", 4);
        compose.put("spotConfiguration", Map.of("strategy", "mixed-safe"));
        compose.put("enableCrossEnvNetworking", true);
        compose.put("enableCrossAppNetworking", false);
        String envs = path("acme", app);

        asAdmin().body(Map.of("envName", "dev", "composeDefinition", compose)).post(envs)
                .then().statusCode(201).body("status", equalTo("ACTIVE"));
        UUID id = UUID.fromString(asAdmin().get(envs + "/dev").then().statusCode(200).extract().path("id"));

        assertThat(aws.requests("CreateService").get(0).body().path("capacityProviderStrategy").toString())
                .contains("FARGATE_SPOT").contains("\"FARGATE\"");
        List<AwsDouble.Resource> shared = aws.inventory("security-group").stream()
                .filter(group -> ("application:acme/" + app).equals(group.tags().get("paddock:shared-scope")))
                .toList();
        assertThat(shared).as("the application's shared security group").hasSize(1);
        assertThat(aws.requests("CreateRule").stream().map(AwsDouble.Request::params))
                .anySatisfy(rule -> assertThat(rule).containsValue("source-ip").containsValue("203.0.113.0/24"))
                .anySatisfy(rule -> assertThat(rule).containsValue("redirect"));

        asAdmin().delete(envs + "/dev").then().statusCode(204);
        assertThat(eventually(() -> aws.inventory(id).isEmpty() && aws.find(shared.get(0).id()).isEmpty()))
                .as("nothing of the environment, nor its shared group, is left").isTrue();
    }
}
