package io.paddock.provisioning.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.CloudSite;

/**
 * {@code paddock.aws.*}, checked: every required key present. Built once at start-up when the aws provider is
 * chosen; a missing key stops start-up with a message naming the key and its environment variable.
 */
public record AwsSettings(
        String region,
        Optional<URI> endpointOverride,
        Optional<StaticKeys> staticKeys,
        String cluster,
        String vpcId,
        List<String> subnetIds,
        String listenerArn,
        String loadBalancerSecurityGroupId,
        String baseDomain,
        String executionRoleArn,
        String schedulerRoleArn,
        Optional<String> taskRoleArn,
        String imageRegistry,
        long efsPosixUid,
        long efsPosixGid,
        int logRetentionDays,
        Duration availabilityBudget,
        int maxConnections,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration retryDeadline,
        List<String> taskRoleArns,
        Duration dependencyBudget,
        Duration deregistrationDelay) implements CloudSite {

    /** Credentials from configuration, for emulators and tests. */
    public record StaticKeys(String accessKeyId, String secretAccessKey) {
    }

    public static AwsSettings from(PaddockConfig.Aws aws) {
        List<String> missing = new ArrayList<>();
        String region = required(aws.region(), "region", missing);
        String cluster = required(aws.cluster(), "cluster", missing);
        String vpcId = required(aws.vpcId(), "vpc-id", missing);
        List<String> subnets = aws.subnetIds().filter(ids -> !ids.isEmpty()).orElse(null);
        if (subnets == null) {
            missing.add(key("subnet-ids"));
        }
        String listener = required(aws.listenerArn(), "listener-arn", missing);
        String lbGroup = required(aws.loadBalancerSecurityGroupId(), "load-balancer-security-group-id", missing);
        String baseDomain = required(aws.baseDomain(), "base-domain", missing);
        String executionRole = required(aws.executionRoleArn(), "execution-role-arn", missing);
        String registry = required(aws.imageRegistry(), "image-registry", missing);
        String schedulerRole = required(aws.schedulerRoleArn(), "scheduler-role-arn", missing);
        if (aws.accessKeyId().isPresent() != aws.secretAccessKey().isPresent()) {
            missing.add(key(aws.accessKeyId().isPresent() ? "secret-access-key" : "access-key-id")
                    + " (static credentials need both keys)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("paddock.cloud.provider=aws needs configuration that is missing: "
                    + String.join(", ", missing));
        }
        Optional<StaticKeys> keys = aws.accessKeyId().map(id -> new StaticKeys(id, aws.secretAccessKey().get()));
        Optional<String> taskRole = aws.taskRoleArn().filter(arn -> !arn.isBlank()).map(String::trim);
        List<String> taskRoles = aws.taskRoleArns()
                .map(arns -> arns.stream().map(String::trim).filter(arn -> !arn.isEmpty()).toList())
                .filter(arns -> !arns.isEmpty())
                .orElseGet(() -> taskRole.map(List::of).orElse(List.of()));
        return new AwsSettings(region, aws.endpointOverride(), keys, cluster, vpcId, List.copyOf(subnets), listener,
                lbGroup, baseDomain, executionRole, schedulerRole, taskRole,
                registry.replaceAll("/+$", ""), aws.efsPosixUid(), aws.efsPosixGid(), aws.logRetentionDays(),
                aws.availabilityBudget(), aws.maxConnections(), aws.retry().initialBackoff(), aws.retry().maxBackoff(),
                aws.retry().deadline(), taskRoles, aws.dependencyBudget(), aws.deregistrationDelay());
    }

    /** A role the allow-list names, or matches with {@code *} standing for any run of characters. */
    @Override
    public boolean allowsTaskRole(String arn) {
        return taskRoleArns.stream().anyMatch(allowed -> matches(allowed, arn));
    }

    @Override
    public List<String> allowedTaskRoles() {
        return taskRoleArns;
    }

    static boolean matches(String pattern, String arn) {
        String regex = Arrays.stream(pattern.split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return arn != null && Pattern.matches(regex, arn);
    }

    private static String required(Optional<String> value, String name, List<String> missing) {
        if (value.isEmpty() || value.get().isBlank()) {
            missing.add(key(name));
            return null;
        }
        return value.get().trim();
    }

    private static String key(String name) {
        String key = "paddock.aws." + name;
        return key + " (" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }
}
