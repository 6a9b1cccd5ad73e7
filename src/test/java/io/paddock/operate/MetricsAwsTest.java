package io.paddock.operate;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.paddock.testing.aws.BlockedThreads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** An environment's metrics with the aws provider: one CloudWatch GetMetricData call, over its query protocol. */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class MetricsAwsTest {

    AwsDouble aws;
    BlockedThreads blocked;

    private final String app = unique("shop");
    private String serviceName;
    private String targetGroupArn;

    private String metrics() {
        return path("acme", app) + "/staging/metrics";
    }

    @BeforeEach
    void createEnvironment() {
        aws = AwsDoubleResource.aws();
        aws.reset();
        blocked = BlockedThreads.listen();
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        Response created = asAdmin().body(request("staging", compose(web))).post(path("acme", app));
        created.then().statusCode(201);
        serviceName = created.path("service.name");
        targetGroupArn = created.path("loadBalancer.targetGroupArn");
        // Hibernate parses each query the first time it runs, on the event loop: that is done before the check starts.
        asAdmin().get(path("acme", app) + "/staging").then().statusCode(200);
        asAdmin().get(metrics()).then().statusCode(200);
        aws.reset();
        blocked.clear();
    }

    @AfterEach
    void noEventLoopWasBlocked() {
        aws.reset();
        assertThat(blocked.warnings()).as("Vert.x reported a blocked thread").isEmpty();
    }

    @Test
    void readsEverySeriesInOneGetMetricDataCall() {
        long minute = System.currentTimeMillis() / 60_000 * 60_000 - 120_000;
        Map<String, String> service = Map.of("ClusterName", "paddock-test", "ServiceName", serviceName);
        aws.putMetric("AWS/ECS", "CPUUtilization", service, minute + 1_000, 10);
        aws.putMetric("AWS/ECS", "CPUUtilization", service, minute + 30_000, 20);
        aws.putMetric("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "paddock-test", "ServiceName", "other"),
                minute + 1_000, 99);
        String targetGroup = targetGroupArn.substring(targetGroupArn.indexOf(":targetgroup/") + 1);
        aws.putMetric("AWS/ApplicationELB", "RequestCount",
                Map.of("TargetGroup", targetGroup, "LoadBalancer", "app/shared/50dc6c495c0c9188"), minute + 5_000, 42);

        Response response = asAdmin().queryParam("startTime", minute - 600_000).queryParam("endTime", minute + 60_000)
                .get(metrics());

        response.then().statusCode(200);
        assertThat(response.<List<Float>>path("metrics.find { it.id == 'cpu_average' }.datapoints.value"))
                .containsExactly(15.0f);
        assertThat(response.<List<Long>>path("metrics.find { it.id == 'cpu_average' }.datapoints.timestamp"))
                .containsExactly(minute);
        assertThat(response.<List<Float>>path("metrics.find { it.id == 'requests_sum' }.datapoints.value"))
                .containsExactly(42.0f);
        assertThat(response.<List<Object>>path("metrics.find { it.id == 'memory_average' }.datapoints")).isEmpty();
        assertThat(aws.requests("GetMetricData")).hasSize(1);
        Map<String, String> sent = aws.requests("GetMetricData").get(0).params();
        assertThat(sent).containsEntry("MetricDataQueries.member.1.Id", "cpu_average")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Namespace", "AWS/ECS")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Stat", "Average")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Period", "60")
                .containsEntry("MetricDataQueries.member.3.Id", "requests_sum")
                .containsEntry("MetricDataQueries.member.3.MetricStat.Stat", "Sum")
                .containsKey("MetricDataQueries.member.4.Id")
                .doesNotContainKey("MetricDataQueries.member.5.Id")
                .containsEntry("StartTime", Instant.ofEpochMilli(minute - 600_000).toString());
    }

    @Test
    void retriesWhenThrottled() {
        aws.throttle("GetMetricData", 2);

        asAdmin().get(metrics()).then().statusCode(200);

        assertThat(aws.requests("GetMetricData")).hasSize(3);
    }

    @Test
    void aRefusalIsABadGatewayNamingIt() {
        aws.fail("GetMetricData", 403, "AccessDenied", "User is not authorized to perform: cloudwatch:GetMetricData", 1);

        Response refused = asAdmin().get(metrics());

        assertError(refused, 502, "ProvisioningFailed");
        assertThat(refused.<String>path("message")).contains("GetMetricData").contains("AccessDenied");
    }
}
