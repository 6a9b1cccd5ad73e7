package io.paddock.testing.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Starts the {@link AwsDouble} and points Paddock's aws provider at it: the real SDK clients, one endpoint
 * override, static test credentials. The event-loop limit is low, so that a blocked event loop is reported
 * (see {@link BlockedThreads}).
 */
public class AwsDoubleResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXECUTION_ROLE = "arn:aws:iam::123456789012:role/paddock-execution";
    public static final String DEFAULT_TASK_ROLE = "arn:aws:iam::123456789012:role/paddock-default-task";
    /** The task roles a compose may name besides the default: any role of the account whose name ends in -task. */
    public static final String TASK_ROLES = "arn:aws:iam::123456789012:role/*-task";
    public static final String SCHEDULER_ROLE = "arn:aws:iam::123456789012:role/paddock-scheduler";
    public static final String SHELL_ROLE = "arn:aws:iam::123456789012:role/paddock-shell";
    public static final String REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    public static final String LOAD_BALANCER_GROUP = "sg-0loadbalancer0000";
    public static final List<String> SUBNETS = List.of("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb");

    private static volatile AwsDouble running;

    /** The test profile that provisions into the double. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AwsDoubleResource.class));
        }
    }

    public static AwsDouble aws() {
        return running;
    }

    @Override
    public Map<String, String> start() {
        running = AwsDouble.start();
        Map<String, String> config = settings(running);
        config.put("quarkus.vertx.max-event-loop-execute-time", "300ms");
        return config;
    }

    /** The configuration that points Paddock's aws provider at this double. */
    public static Map<String, String> settings(AwsDouble running) {
        Map<String, String> config = new HashMap<>();
        config.put("paddock.cloud.provider", "aws");
        config.put("paddock.aws.region", AwsDouble.REGION);
        config.put("paddock.aws.endpoint-override", running.endpoint().toString());
        config.put("paddock.aws.access-key-id", "AKIDPADDOCKTEST");
        config.put("paddock.aws.secret-access-key", "paddock-test-secret");
        config.put("paddock.aws.cluster", "paddock-test");
        config.put("paddock.aws.vpc-id", "vpc-0test0000000000");
        config.put("paddock.aws.subnet-ids", String.join(",", SUBNETS));
        config.put("paddock.aws.listener-arn", AwsDouble.LISTENER_ARN);
        config.put("paddock.aws.load-balancer-security-group-id", LOAD_BALANCER_GROUP);
        config.put("paddock.aws.base-domain", "apps.example.com");
        config.put("paddock.aws.execution-role-arn", EXECUTION_ROLE);
        config.put("paddock.aws.task-role-arn", DEFAULT_TASK_ROLE);
        config.put("paddock.aws.task-role-arns", DEFAULT_TASK_ROLE + "," + TASK_ROLES);
        config.put("paddock.aws.scheduler-role-arn", SCHEDULER_ROLE);
        config.put("paddock.aws.shell-role-arn", SHELL_ROLE);
        config.put("paddock.aws.image-registry", REGISTRY);
        config.put("paddock.aws.efs-posix-uid", "33");
        config.put("paddock.aws.efs-posix-gid", "33");
        config.put("paddock.aws.retry.initial-backoff", "20ms");
        config.put("paddock.aws.retry.max-backoff", "200ms");
        config.put("paddock.aws.retry.deadline", "3s");
        config.put("paddock.cloud.call-timeout", "10s");
        config.put("paddock.aws.dependency-budget", "8s");
        config.put("paddock.aws.availability-budget", "30s");
        config.put("paddock.aws.deregistration-delay", "2s");
        return config;
    }

    @Override
    public void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
