package io.paddock.reconcile;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.paddock.testing.EnvironmentRows;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDouble.Resource;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The orphan sweep against the AWS double: it finds resources by their environment tag with the tagging API (and EC2's
 * tag filters), removes those of environments that no longer exist, and touches nothing else.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class OrphanSweepTest {

    @Inject
    OrphanSweep sweep;

    @Inject
    EnvironmentRows rows;

    @Inject
    MeterRegistry metrics;

    AwsDouble aws;

    private final String app = unique("orphans");

    @BeforeEach
    @AfterEach
    void resetAws() {
        aws = AwsDoubleResource.aws();
        aws.reset();
    }

    /** An environment provisioned in full whose row is gone, as if its answer came after it was removed. */
    private UUID orphaned(String envName) {
        asAdmin().body(webWithVolume(envName)).post(path("acme", app)).then().statusCode(201);
        UUID id = rows.id(app, envName);
        rows.remove(id);
        return id;
    }

    @Test
    void removesEverythingTaggedWithAnEnvironmentThatNoLongerExists() throws Throwable {
        UUID gone = orphaned("gone");
        assertThat(aws.inventory(gone)).hasSizeGreaterThan(5);
        double before = count("removed");

        OrphanSweep.Result result = VertxContextSupport.subscribeAndAwait(() -> sweep.sweep(false));

        assertThat(aws.inventory(gone)).isEmpty();
        // Mount targets and ingress rules are not searched for: they go with their file system and security group.
        assertThat(result.removed()).isPositive();
        assertThat(count("removed") - before).isEqualTo(result.removed());
        assertThat(aws.requests("GetResources")).isNotEmpty();
    }

    @Test
    void neverTouchesAnEnvironmentWhoseRowExistsInAnyStatusNorWhatLacksPaddocksTag() throws Throwable {
        asAdmin().body(webWithVolume("kept")).post(path("acme", app)).then().statusCode(201);
        UUID active = rows.id(app, "kept");
        List<String> activeResources = ids(aws.inventory(active));
        // A create that has just begun: its row is there and its first resource too.
        UUID creating = rows.seed(app, "starting", "CREATING", UUID.randomUUID(), false);
        Resource starting = securityGroup(Map.of("paddock:environment-id", creating.toString()));
        Resource foreign = securityGroup(Map.of("team", "billing"));

        VertxContextSupport.subscribeAndAwait(() -> sweep.sweep(false));

        assertThat(ids(aws.inventory(active))).containsExactlyInAnyOrderElementsOf(activeResources);
        assertThat(aws.find(starting.id())).isPresent();
        assertThat(aws.find(foreign.id())).isPresent();
        rows.remove(creating);
        asAdmin().delete(path("acme", app) + "/kept").then().statusCode(204);
    }

    @Test
    void aDryRunOnlyCountsWhatItWouldRemove() throws Throwable {
        UUID gone = orphaned("dry");
        List<String> left = ids(aws.inventory(gone));
        double before = count("found");

        OrphanSweep.Result result = VertxContextSupport.subscribeAndAwait(() -> sweep.sweep(true));

        assertThat(ids(aws.inventory(gone))).containsExactlyInAnyOrderElementsOf(left);
        assertThat(result.removed()).isZero();
        assertThat(result.found()).isGreaterThan(0);
        assertThat(count("found") - before).isEqualTo(result.found());
        assertThat(aws.requests().stream().map(AwsDouble.Request::operation)
                .filter(operation -> operation.startsWith("Delete") || operation.startsWith("Deregister")
                        || operation.startsWith("Revoke")))
                .isEmpty();

        VertxContextSupport.subscribeAndAwait(() -> sweep.sweep(false));
        assertThat(aws.inventory(gone)).isEmpty();
    }

    private Resource securityGroup(Map<String, String> tags) {
        String id = "sg-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        ObjectNode state = JsonNodeFactory.instance.objectNode().put("created", System.nanoTime())
                .put("vpcId", "vpc-0test0000000000").put("description", "not the sweep's");
        Resource group = new Resource("security-group", id, "group-" + id, tags, state);
        aws.add(group);
        return group;
    }

    private static List<String> ids(List<Resource> resources) {
        return resources.stream().map(Resource::id).sorted().toList();
    }

    private double count(String outcome) {
        Counter counter = metrics.find("paddock.orphan.resources").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
