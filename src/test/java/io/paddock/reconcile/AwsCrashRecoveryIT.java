package io.paddock.reconcile;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.paddock.testing.PaddockProcess;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDouble.Resource;
import io.paddock.testing.aws.AwsDoubleResource;

/**
 * {@link CrashRecoveryIT} with the aws provider against the AWS protocol double, in this JVM: the double takes its time
 * as AWS does (mount targets creating, services draining) and answers each create 150 ms late, so kills fall in the
 * middle of the graph; its inventory is what the double holds tagged with each environment.
 */
class AwsCrashRecoveryIT extends CrashRecoveryIT {

    private static final String[] SLOW = { "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "CreateTargetGroup",
        "CreateRule", "CreateFileSystem", "CreateAccessPoint", "CreateMountTarget", "CreateLogGroup",
        "RegisterTaskDefinition", "CreateService", "RegisterScalableTarget", "UpdateService", "DeleteService" };

    private static AwsDouble aws;

    @BeforeAll
    static void start() throws Exception {
        aws = AwsDouble.start();
        for (String operation : SLOW) {
            aws.latency(operation, Duration.ofMillis(150));
        }
        Map<String, String> provider = new HashMap<>();
        AwsDoubleResource.settings(aws).forEach((key, value) ->
                provider.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        paddock = new PaddockProcess(settings(provider), PaddockProcess.logFile("crash-recovery-aws.log"));
        paddock.start();
    }

    @AfterAll
    static void stopTheDouble() {
        aws.close();
    }

    /**
     * The double answers most calls at once, so a kill falls before the first ledger row or after the last more often
     * than in the local run (two distinct points in its first runs: 0 and 13 of 13 resources recorded).
     */
    @Override
    int distinctCrashPoints() {
        return 2;
    }

    @Override
    String provider() {
        return "aws";
    }

    @Override
    Map<UUID, Set<String>> inventory(Set<UUID> environments) {
        Map<UUID, Set<String>> held = new HashMap<>();
        for (UUID id : environments) {
            for (Resource resource : aws.inventory(id)) {
                held.computeIfAbsent(id, k -> new TreeSet<>()).add(resource.id());
            }
        }
        return held;
    }
}
