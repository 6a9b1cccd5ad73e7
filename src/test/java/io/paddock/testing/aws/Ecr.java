package io.paddock.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ECR's GetAuthorizationToken (JSON 1.1, {@code AmazonEC2ContainerRegistry_V20150921}): a fresh token each time, the
 * base64 of {@code AWS:<password>}, valid for 12 hours, for the account's registry endpoint. The last password is
 * kept so that tests can look for it where it must not be.
 */
final class Ecr {

    static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921";

    volatile String lastPassword;

    JsonNode getAuthorizationToken(JsonNode request) {
        if (request.path("registryIds").size() > 0) {
            throw AwsDouble.refused("InvalidParameterException", "registryIds is deprecated and not supported here");
        }
        String password = "ecr-" + AwsDouble.hex(48);
        lastPassword = password;
        ObjectNode data = AwsDouble.object()
                .put("authorizationToken", Base64.getEncoder().encodeToString(("AWS:" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .put("expiresAt", System.currentTimeMillis() / 1000.0 + 12 * 3600)
                .put("proxyEndpoint", "https://" + AwsDouble.ACCOUNT + ".dkr.ecr." + AwsDouble.REGION + ".amazonaws.com");
        ArrayNode all = AwsDouble.array().add(data);
        ObjectNode answer = AwsDouble.object();
        answer.set("authorizationData", all);
        return answer;
    }
}
