package io.paddock.testing.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Paddock's shipped IAM policy. The AWS double answers every request with the permissions this policy grants, so an
 * adapter that calls an operation the policy does not allow fails the aws-provider tests; these check that the double
 * does refuse, and that the policy stays least-privilege.
 */
class IamPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDoubleRefusesAnOperationThePolicyDoesNotGrantAsAwsDoes() throws Exception {
        ObjectNode policy = (ObjectNode) JSON.readTree(Files.readString(IamPolicy.SHIPPED));
        for (JsonNode statement : policy.path("Statement")) {
            if (statement.path("Action").isArray()) {
                ArrayNode actions = (ArrayNode) statement.path("Action");
                for (int i = actions.size() - 1; i >= 0; i--) {
                    if (actions.get(i).asText().equals("ec2:DescribeSecurityGroups")) {
                        actions.remove(i);
                    }
                }
            }
        }
        try (AwsDouble aws = AwsDouble.start()) {
            String describe = "Action=DescribeSecurityGroups&Version=2016-11-15";
            assertEquals(200, post(aws, describe).statusCode(), "the shipped policy grants it");

            aws.policy(IamPolicy.of(policy));
            HttpResponse<String> refused = post(aws, describe);

            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("<Code>UnauthorizedOperation</Code>"), refused.body());
            assertTrue(refused.body().contains("ec2:DescribeSecurityGroups"), refused.body());
        }
    }

    @Test
    void aCreateWithTagsAlsoNeedsTheTaggingAction() throws Exception {
        IamPolicy withoutTagging = IamPolicy.of(JSON.readTree("""
                {"Statement": [{"Effect": "Allow", "Action": ["ec2:CreateSecurityGroup"], "Resource": "*"}]}"""));
        try (AwsDouble aws = AwsDouble.start()) {
            aws.policy(withoutTagging);
            HttpResponse<String> refused = post(aws, "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=g"
                    + "&GroupDescription=d&VpcId=vpc-1&TagSpecification.1.ResourceType=security-group"
                    + "&TagSpecification.1.Tag.1.Key=paddock%3Aenvironment-id&TagSpecification.1.Tag.1.Value=x");

            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("ec2:CreateTags"), refused.body());
        }
    }

    @Test
    void thePolicyGrantsNamedActionsOnlyAndPassesRolesOnlyToTheServicesThatRunThem() throws Exception {
        JsonNode policy = JSON.readTree(Files.readString(IamPolicy.SHIPPED));
        List<String> passRoleResources = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertEquals("Allow", statement.path("Effect").asText(), statement.toString());
            JsonNode actions = statement.path("Action");
            for (JsonNode action : actions.isArray() ? actions : List.of(actions)) {
                assertFalse(action.asText().contains("*"), "no wildcard action: " + action);
                if (action.asText().equals("iam:PassRole")) {
                    JsonNode resources = statement.path("Resource");
                    for (JsonNode resource : resources.isArray() ? resources : List.of(resources)) {
                        passRoleResources.add(resource.asText());
                    }
                    assertTrue(statement.path("Condition").path("StringEquals").has("iam:PassedToService"),
                            "iam:PassRole names the service it passes to: " + statement);
                }
            }
        }
        assertFalse(passRoleResources.isEmpty());
        assertTrue(passRoleResources.stream().allMatch(arn -> arn.startsWith("arn:aws:iam::") && !arn.equals("*")
                && !arn.endsWith(":role/*")), "iam:PassRole only on named roles: " + passRoleResources);
    }

    private static HttpResponse<String> post(AwsDouble aws, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
