package io.paddock.environments;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The list of an application's environments with the aws provider: the services' counts come from DescribeServices
 * ten services a call, and are reused within the status cache's TTL until Paddock changes an environment.
 */
@QuarkusTest
@TestProfile(EnvironmentListAwsTest.Profile.class)
class EnvironmentListAwsTest {

    /** The aws double, and room for twelve environments in one application. */
    public static class Profile extends AwsDoubleResource.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paddock.limits.environments-per-application", "12",
                    "paddock.environments.status-cache-ttl", "30s");
        }
    }

    private final String app = unique("fleet");

    @Test
    void listsTwelveEnvironmentsWithTwoDescribeServicesCallsThenFromTheCacheUntilOneChanges() {
        AwsDouble aws = AwsDoubleResource.aws();
        for (int i = 1; i <= 12; i++) {
            asAdmin().body(request(String.format("e%02d", i), compose(container("web")))).post(path("acme", app))
                    .then().statusCode(201);
        }
        aws.reset();

        String first = asAdmin().get(path("acme", app)).then().statusCode(200).extract().asString();

        assertThat(batchSizes(aws)).containsExactly(10, 2);
        assertThat(asAdmin().get(path("acme", app)).jsonPath().getList("envName"))
                .hasSize(12)
                .contains("e01", "e12");

        aws.reset();
        String second = asAdmin().get(path("acme", app)).then().statusCode(200).extract().asString();

        assertThat(aws.requests("DescribeServices")).as("counts reported within the TTL are reused").isEmpty();
        assertThat(second).isEqualTo(first);

        asAdmin().body(Map.of("action", "stop")).put(path("acme", app) + "/e05/state").then().statusCode(204);
        aws.reset();
        List<Map<String, Object>> afterStop = asAdmin().get(path("acme", app)).jsonPath().getList("$");

        assertThat(batchSizes(aws)).as("only the environment Paddock changed is asked for again").containsExactly(1);
        Map<String, Object> stopped = afterStop.stream().filter(env -> "e05".equals(env.get("envName"))).findFirst()
                .orElseThrow();
        assertThat(stopped.get("desiredCount")).isEqualTo(0);
    }

    private static List<Integer> batchSizes(AwsDouble aws) {
        return aws.requests("DescribeServices").stream()
                .map(request -> request.body().path("services").size())
                .sorted(Comparator.reverseOrder())
                .toList();
    }
}
