package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.paddock.PaddockConfig;
import io.paddock.PaddockConfig.Cloud.Provider;
import io.paddock.provisioning.aws.AwsSettings;

class CloudProviderTest {

    @Test
    void refusesToStartTheAwsProviderWithoutItsRequiredKeysAndNamesEachOne() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> AwsSettings.from(aws(Map.of("region", Optional.of("eu-west-1")))));

        for (String key : List.of("paddock.aws.cluster (PADDOCK_AWS_CLUSTER)", "paddock.aws.vpc-id (PADDOCK_AWS_VPC_ID)",
                "paddock.aws.subnet-ids (PADDOCK_AWS_SUBNET_IDS)", "paddock.aws.listener-arn",
                "paddock.aws.load-balancer-security-group-id", "paddock.aws.base-domain",
                "paddock.aws.execution-role-arn", "paddock.aws.image-registry (PADDOCK_AWS_IMAGE_REGISTRY)",
                "paddock.aws.scheduler-role-arn (PADDOCK_AWS_SCHEDULER_ROLE_ARN)")) {
            assertTrue(refused.getMessage().contains(key), key + " not in: " + refused.getMessage());
        }
        assertFalse(refused.getMessage().contains("paddock.aws.region"), refused.getMessage());
        assertFalse(refused.getMessage().contains("task-role-arn"), "optional: " + refused.getMessage());
    }

    @Test
    void refusesHalfOfAStaticKeyPair() {
        Map<String, Object> values = new java.util.HashMap<>(complete());
        values.put("accessKeyId", Optional.of("AKIDEXAMPLE"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AwsSettings.from(aws(values)));

        assertTrue(refused.getMessage().contains("paddock.aws.secret-access-key"), refused.getMessage());
    }

    @Test
    void takesTheSiteFromTheAwsKeysNotFromTheSimulatedDefaults() {
        AwsSettings settings = AwsSettings.from(aws(complete()));

        assertEquals("vpc-real", settings.vpcId());
        assertEquals(List.of("subnet-a", "subnet-b"), settings.subnetIds());
        assertEquals("registry.example.com", settings.imageRegistry());
    }

    @Test
    void allowsOnlyTheDefaultTaskRoleWhenNoListIsSet() {
        Map<String, Object> values = new java.util.HashMap<>(complete());
        values.put("taskRoleArn", Optional.of("arn:aws:iam::1:role/app"));

        AwsSettings settings = AwsSettings.from(aws(values));

        assertEquals(List.of("arn:aws:iam::1:role/app"), settings.allowedTaskRoles());
        assertTrue(settings.allowsTaskRole("arn:aws:iam::1:role/app"));
        assertFalse(settings.allowsTaskRole("arn:aws:iam::1:role/admin"));
        assertFalse(AwsSettings.from(aws(complete())).allowsTaskRole("arn:aws:iam::1:role/app"), "no default, none");
    }

    @Test
    void aStarInAnAllowedTaskRoleMatchesAnyCharactersAndNothingElseIsAPattern() {
        Map<String, Object> values = new java.util.HashMap<>(complete());
        values.put("taskRoleArns", Optional.of(List.of("arn:aws:iam::1:role/tenants/*", " arn:aws:iam::1:role/a.b ")));

        AwsSettings settings = AwsSettings.from(aws(values));

        assertTrue(settings.allowsTaskRole("arn:aws:iam::1:role/tenants/acme-web"));
        assertTrue(settings.allowsTaskRole("arn:aws:iam::1:role/a.b"));
        assertFalse(settings.allowsTaskRole("arn:aws:iam::1:role/aXb"), "a dot is a dot");
        assertFalse(settings.allowsTaskRole("arn:aws:iam::2:role/tenants/acme-web"));
        assertFalse(settings.allowsTaskRole("arn:aws:iam::1:role/admin"));
    }

    @Test
    void startsWithTheLocalProviderWithoutReadingAnyAwsKey() {
        new CloudProvider(config(Provider.LOCAL)).verify(null, null, null, null, null);
    }

    private static Map<String, Object> complete() {
        return Map.of("region", Optional.of("eu-west-1"), "cluster", Optional.of("prod"),
                "vpcId", Optional.of("vpc-real"), "subnetIds", Optional.of(List.of("subnet-a", "subnet-b")),
                "listenerArn", Optional.of("arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/x/1/2"),
                "loadBalancerSecurityGroupId", Optional.of("sg-lb"), "baseDomain", Optional.of("apps.example.com"),
                "executionRoleArn", Optional.of("arn:aws:iam::1:role/exec"),
                "schedulerRoleArn", Optional.of("arn:aws:iam::1:role/scheduler"),
                "imageRegistry", Optional.of("registry.example.com/"));
    }

    /** paddock.aws with these values; every other Optional key absent, every other key its default. */
    private static PaddockConfig.Aws aws(Map<String, Object> values) {
        PaddockConfig.Aws.Retry retry = (PaddockConfig.Aws.Retry) Proxy.newProxyInstance(
                CloudProviderTest.class.getClassLoader(), new Class<?>[] { PaddockConfig.Aws.Retry.class },
                (proxy, method, args) -> java.time.Duration.ofSeconds(1));
        return (PaddockConfig.Aws) Proxy.newProxyInstance(CloudProviderTest.class.getClassLoader(),
                new Class<?>[] { PaddockConfig.Aws.class }, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getName().equals("retry")) {
                        return retry;
                    }
                    if (method.getReturnType() == Optional.class) {
                        return Optional.empty();
                    }
                    if (method.getReturnType() == long.class) {
                        return 1000L;
                    }
                    if (method.getReturnType() == boolean.class) {
                        return false;
                    }
                    if (method.getName().equals("orphanSweep")) {
                        return null;
                    }
                    if (method.getReturnType() == int.class) {
                        return 30;
                    }
                    if (method.getReturnType() == java.time.Duration.class) {
                        return java.time.Duration.ofMinutes(1);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static PaddockConfig config(Provider provider) {
        PaddockConfig.Cloud cloud = (PaddockConfig.Cloud) Proxy.newProxyInstance(CloudProviderTest.class.getClassLoader(),
                new Class<?>[] { PaddockConfig.Cloud.class }, (proxy, method, args) -> {
                    if (method.getName().equals("provider")) {
                        return provider;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (PaddockConfig) Proxy.newProxyInstance(CloudProviderTest.class.getClassLoader(),
                new Class<?>[] { PaddockConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("cloud")) {
                        return cloud;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
