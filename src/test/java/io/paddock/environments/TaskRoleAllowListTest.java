package io.paddock.environments;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.Api;
import io.paddock.testing.Environments;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The tasks run as the role the compose names, and Paddock passes that role to ECS: a compose may name only a role
 * of {@code paddock.aws.task-role-arns}, and any other is refused before anything is stored or provisioned.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class TaskRoleAllowListTest {

    private static final String ADMIN_ROLE = "arn:aws:iam::123456789012:role/OrganizationAccountAccessRole";

    AwsDouble aws;

    @BeforeEach
    void reset() {
        aws = AwsDoubleResource.aws();
        aws.reset();
    }

    @Test
    void aCreateNamingARoleOutsideTheAllowListIs400AndTouchesNothing() {
        String application = Api.unique("roles");
        Map<String, Object> body = withTaskRole(Environments.resource("requests/create-environment-full.json"),
                ADMIN_ROLE);

        assertError(asAdmin().body(body).post(Environments.path("acme", application)), 400, "ValidationError")
                .body("details[0].path", equalTo("/composeDefinition/taskRoleArn"))
                .body("details[0].message", containsString(AwsDoubleResource.TASK_ROLES))
                .body("details[0].message", containsString(AwsDoubleResource.DEFAULT_TASK_ROLE));

        asAdmin().get(Environments.path("acme", application) + "/staging").then().statusCode(404);
        assertEquals(List.of(), aws.requests().stream()
                .filter(request -> String.valueOf(request.body()).contains(application)
                        || String.valueOf(request.params()).contains(application))
                .toList(), "nothing was provisioned");
    }

    @Test
    void anUpdateNamingARoleOutsideTheAllowListIs400AndKeepsTheRoleItHas() {
        String application = Api.unique("roles");
        Map<String, Object> body = Environments.resource("requests/create-environment-full.json");
        asAdmin().body(body).post(Environments.path("acme", application)).then().statusCode(201);
        String environment = Environments.path("acme", application) + "/staging";
        aws.reset();

        Map<String, Object> update = new HashMap<>();
        update.put("composeDefinition", withTaskRole(body, ADMIN_ROLE).get("composeDefinition"));
        assertError(asAdmin().body(update).put(environment), 400, "ValidationError")
                .body("details[0].path", equalTo("/composeDefinition/taskRoleArn"));

        asAdmin().get(environment + "/compose").then().statusCode(200)
                .body("taskRoleArn", equalTo("arn:aws:iam::123456789012:role/staging-task"));
        assertEquals(List.of(), aws.requests("RegisterTaskDefinition").stream()
                .filter(request -> request.body().toString().contains(application)).toList());
        asAdmin().delete(environment).then().statusCode(204);
    }

    @Test
    void aRoleTheWildcardMatchesAndTheDefaultAreAllowed() {
        String application = Api.unique("roles");
        Map<String, Object> body = withTaskRole(Environments.resource("requests/create-environment-full.json"),
                "arn:aws:iam::123456789012:role/reports-task");
        asAdmin().body(body).post(Environments.path("acme", application)).then().statusCode(201);
        asAdmin().delete(Environments.path("acme", application) + "/staging").then().statusCode(204);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withTaskRole(Map<String, Object> body, String role) {
        Map<String, Object> copy = new HashMap<>(body);
        Map<String, Object> compose = new HashMap<>((Map<String, Object>) body.get("composeDefinition"));
        compose.put("taskRoleArn", role);
        copy.put("composeDefinition", compose);
        return copy;
    }
}
